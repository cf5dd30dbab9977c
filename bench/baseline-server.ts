import { Server, ServerCredentials, status, UntypedServiceImplementation } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { GetMeResponse, UserServiceService } from '../src/gen/proto/userservice/v1/user_service';

/**
 * The baseline: a bare grpc-js server answering UserService.GetMe with a constant GetMeResponse (by
 * default the very message the real service returned in the same run, passed as BASELINE_GETME_JSON), so
 * the difference to the service is everything the service does beyond gRPC itself. The response is
 * still serialised on every call, as grpc-js does for any handler. No interceptors, no logging.
 */
const response = GetMeResponse.fromJSON(
  JSON.parse(
    process.env.BASELINE_GETME_JSON ??
      JSON.stringify({
        user: {
          id: '01900000-0000-7000-8000-000000000000',
          tenantId: '01900000-0000-7000-8000-0000000000aa',
          tenantSlug: 'bench-tenant',
          email: 'owner@bench.test',
          name: 'Bench Owner',
          role: 'ROLE_OWNER',
          status: 'USER_STATUS_ACTIVE',
          createTime: '2026-01-01T00:00:00.000Z',
          updateTime: '2026-01-01T00:00:00.000Z',
        },
      }),
  ),
);

const unimplemented = (_call: unknown, callback: (error: { code: number; details: string }) => void) =>
  callback({ code: status.UNIMPLEMENTED, details: 'baseline serves GetMe only' });

const implementation: UntypedServiceImplementation = {};
for (const name of Object.keys(UserServiceService)) implementation[name] = unimplemented;
implementation.getMe = (_call: unknown, callback: (error: null, value: GetMeResponse) => void) => callback(null, response);

const server = new Server();
server.addService(UserServiceService, implementation);
new HealthImplementation({ '': 'SERVING' }).addToServer(server);
server.bindAsync(`127.0.0.1:${process.env.GRPC_PORT ?? '0'}`, ServerCredentials.createInsecure(), (error) => {
  if (error) {
    process.stderr.write(`baseline server failed to bind: ${error.message}\n`);
    process.exit(1);
  }
});
const stop = () => server.tryShutdown(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
