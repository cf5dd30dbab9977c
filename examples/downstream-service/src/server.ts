/**
 * A downstream service, as another team would write it with the client kit: it verifies its callers'
 * UserService access tokens (accessTokenInterceptor, keys from GetJwks) and calls UserService itself as a
 * service account (ServiceTokenSource). One method, `/downstream.v1.Reports/TeamSize`: how many active users
 * the caller's tenant has, and who asked. JSON on the wire (no proto of its own), to keep the example short.
 */
import { Server, ServerCredentials, ServiceDefinition, status, UntypedServiceImplementation } from '@grpc/grpc-js';
import {
  accessTokenInterceptor,
  createAccessTokenVerifier,
  createUserServiceClients,
  jwksFromGrpc,
  principalOf,
  proto,
  ServiceTokenSource,
} from '../../../clients/node/src';

export interface DownstreamOptions {
  /** UserService's gRPC address. */
  userService: string;
  /** The one tenant this deployment serves: its slug (x-tenant-id) and id (the tokens' `tid`). */
  tenantSlug: string;
  tenantId: string;
  /** This service's own service account in that tenant. */
  clientId: string;
  clientSecret: string;
  /** UserService's JWT_ISSUER and JWT_AUDIENCE. */
  issuer?: string;
  audience?: string;
  port?: number;
}

export interface TeamSizeReply {
  activeUsers: number;
  askedBy: string;
  askedAs: string;
}

const json = {
  serialize: (value: unknown) => Buffer.from(JSON.stringify(value)),
  deserialize: (bytes: Buffer) => JSON.parse(bytes.toString('utf8') || '{}') as unknown,
};

export const ReportsService: ServiceDefinition = {
  teamSize: {
    path: '/downstream.v1.Reports/TeamSize',
    requestStream: false,
    responseStream: false,
    requestSerialize: json.serialize,
    requestDeserialize: json.deserialize,
    responseSerialize: json.serialize,
    responseDeserialize: json.deserialize,
  },
};

export async function startDownstream(options: DownstreamOptions): Promise<{ port: number; stop(): Promise<void> }> {
  const userService = createUserServiceClients(options.userService, { deadlineMs: 5_000 });
  const verifier = createAccessTokenVerifier({ jwks: jwksFromGrpc(userService.auth), issuer: options.issuer ?? 'user-service', audience: options.audience ?? 'user-service' });
  const identity = new ServiceTokenSource({ auth: userService.auth, clientId: options.clientId, clientSecret: options.clientSecret, tenant: options.tenantSlug });

  const server = new Server({
    // Only callers of our tenant: a token of another tenant ends with PERMISSION_DENIED before the handler.
    interceptors: [accessTokenInterceptor(verifier, { expect: () => ({ tenantId: options.tenantId }) })],
  });
  const implementation: UntypedServiceImplementation = {
    teamSize: (call: { metadata: import('@grpc/grpc-js').Metadata }, callback: (error: { code: status; details: string } | null, value?: TeamSizeReply) => void) => {
      const caller = principalOf(call)!;
      (async () => {
        let activeUsers = 0;
        let pageToken = '';
        do {
          const page = await userService.users.listUsers(
            proto.userService.ListUsersRequest.fromPartial({ pageSize: 100, pageToken, status: proto.user.UserStatus.USER_STATUS_ACTIVE }),
            { metadata: await identity.metadata() },
          );
          activeUsers += page.users.length;
          pageToken = page.nextPageToken;
        } while (pageToken);
        return { activeUsers, askedBy: caller.subject, askedAs: caller.kind };
      })().then(
        (reply) => callback(null, reply),
        (error: { code?: status; details?: string }) => callback({ code: error.code ?? status.INTERNAL, details: `UserService: ${error.details ?? 'failed'}` }),
      );
    },
  };
  server.addService(ReportsService, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${options.port ?? 0}`, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        userService.close();
        server.tryShutdown(() => resolve());
      }),
  };
}

if (require.main === module) {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`set ${name}`);
    return value;
  };
  startDownstream({
    userService: env('USER_SERVICE_ADDRESS'),
    tenantSlug: env('TENANT_SLUG'),
    tenantId: env('TENANT_ID'),
    clientId: env('SA_CLIENT_ID'),
    clientSecret: env('SA_CLIENT_SECRET'),
    port: Number(process.env.PORT ?? 50061),
  }).then(({ port }) => console.log(`downstream service on 127.0.0.1:${port}`));
}
