import { ChannelCredentials, Client, Metadata, ServiceError } from '@grpc/grpc-js';
import { AuditServiceService } from '../../src/gen/proto/userservice/v1/audit_service';
import { AuthServiceService } from '../../src/gen/proto/userservice/v1/auth_service';
import { TenantServiceService } from '../../src/gen/proto/userservice/v1/tenant_service';
import { UserServiceService } from '../../src/gen/proto/userservice/v1/user_service';
import { PlatformAdminServiceService } from '../../src/gen/proto/userservice/v1/platform_admin_service';
import { ServiceAccountServiceService } from '../../src/gen/proto/userservice/v1/service_account_service';

type ServiceDefinition = Record<string, { path: string; requestSerialize: (value: any) => Buffer; responseDeserialize: (bytes: Buffer) => any }>;

/** A client whose methods return promises, typed from a generated grpc-js service definition. */
export type PromiseClient<D extends ServiceDefinition> = {
  [K in keyof D]: (request: Parameters<D[K]['requestSerialize']>[0], metadata?: Metadata) => Promise<ReturnType<D[K]['responseDeserialize']>>;
};

/** `deadlineMs`: each call's deadline from its start (none by default: tests pass their own where it matters). */
function promiseClient<D extends ServiceDefinition>(client: Client, definition: D, deadlineMs?: number): PromiseClient<D> {
  const methods = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(definition)) {
    methods[name] = (request: unknown, metadata = new Metadata()) =>
      new Promise((resolve, reject) =>
        client.makeUnaryRequest(
          method.path,
          method.requestSerialize,
          method.responseDeserialize,
          request,
          metadata,
          deadlineMs === undefined ? {} : { deadline: Date.now() + deadlineMs },
          (error: ServiceError | null, response: unknown) => (error ? reject(error) : resolve(response)),
        ),
      );
  }
  return methods as PromiseClient<D>;
}

/** Real grpc-js clients of the services on one channel. */
export interface Clients {
  auth: PromiseClient<typeof AuthServiceService>;
  users: PromiseClient<typeof UserServiceService>;
  tenants: PromiseClient<typeof TenantServiceService>;
  audit: PromiseClient<typeof AuditServiceService>;
  platformAdmins: PromiseClient<typeof PlatformAdminServiceService>;
  serviceAccounts: PromiseClient<typeof ServiceAccountServiceService>;
  close(): void;
}

/** Clients on one channel to `address`; also used by the benchmark (`bench/support`) for its set-up calls. */
export function connect(address: string, options: { deadlineMs?: number } = {}): Clients {
  const client = new Client(address, ChannelCredentials.createInsecure());
  return {
    auth: promiseClient(client, AuthServiceService, options.deadlineMs),
    users: promiseClient(client, UserServiceService, options.deadlineMs),
    tenants: promiseClient(client, TenantServiceService, options.deadlineMs),
    audit: promiseClient(client, AuditServiceService, options.deadlineMs),
    platformAdmins: promiseClient(client, PlatformAdminServiceService, options.deadlineMs),
    serviceAccounts: promiseClient(client, ServiceAccountServiceService, options.deadlineMs),
    close: () => client.close(),
  };
}

/** Metadata with the headers the service reads. */
export function headers(values: { token?: string; tenant?: string }): Metadata {
  const metadata = new Metadata();
  if (values.token) metadata.set('authorization', `Bearer ${values.token}`);
  if (values.tenant) metadata.set('x-tenant-id', values.tenant);
  return metadata;
}

/** Awaits a call that must fail, and returns its error. */
export async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
