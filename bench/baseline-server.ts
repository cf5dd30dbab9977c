import { Server, ServerCredentials, status, UntypedServiceImplementation } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import pg from 'pg';
import { roleFromJSON } from '../src/gen/proto/userservice/v1/access';
import { userStatusFromJSON } from '../src/gen/proto/userservice/v1/user';
import { GetMeResponse, GetUserRequest, GetUserResponse, UserServiceService } from '../src/gen/proto/userservice/v1/user_service';

/**
 * The baseline: a bare grpc-js server answering UserService.GetMe with a constant GetMeResponse (by
 * default the very message the real service returned in the same run, passed as BASELINE_GETME_JSON), so
 * the difference to the service is everything the service does beyond gRPC itself. The response is
 * still serialised on every call, as grpc-js does for any handler. No interceptors, no logging.
 *
 * With BASELINE_USERS_DATABASE_URL it also answers GetUser by reading the row with node-postgres (a pool
 * of BASELINE_POOL_SIZE, a prepared statement) on every call: the least any gRPC service reading that row
 * from PostgreSQL can do, with no token check, no cache and no logging (scenario 3's ceiling).
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

const usersUrl = process.env.BASELINE_USERS_DATABASE_URL;
if (usersUrl) {
  const pool = new pg.Pool({ connectionString: usersUrl, max: Number(process.env.BASELINE_POOL_SIZE ?? 3) });
  const tenantId = process.env.BASELINE_TENANT_ID ?? '';
  const tenantSlug = process.env.BASELINE_TENANT_SLUG ?? '';
  const text = 'SELECT id, email, name, role, status, created_at, updated_at, email_verified, email_verified_at FROM users WHERE id = $1';
  implementation.getUser = (call: { request: GetUserRequest }, callback: (error: { code: number; details: string } | null, value?: GetUserResponse) => void) => {
    pool.query({ name: 'baseline_get_user', text, values: [call.request.userId] }).then(
      ({ rows: [row] }) => {
        if (!row) return callback({ code: status.NOT_FOUND, details: 'no such user' });
        callback(null, {
          user: {
            id: row.id,
            tenantId,
            tenantSlug,
            email: row.email,
            name: row.name,
            role: roleFromJSON(`ROLE_${row.role}`),
            status: userStatusFromJSON(`USER_STATUS_${row.status}`),
            createTime: row.created_at,
            updateTime: row.updated_at,
            emailVerified: row.email_verified,
            emailVerifyTime: row.email_verified_at ?? undefined,
          },
        });
      },
      (error: Error) => callback({ code: status.UNAVAILABLE, details: error.message }),
    );
  };
}

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
