import { ChannelCredentials, Client, Metadata, ServiceError } from '@grpc/grpc-js';
import { AuthServiceClient } from '../../src/gen/proto/userservice/v1/auth_service';
import { TenantServiceClient } from '../../src/gen/proto/userservice/v1/tenant_service';
import { UserServiceClient } from '../../src/gen/proto/userservice/v1/user_service';

/** Generated grpc-js clients of the three services, on one address. */
export interface Clients {
  auth: AuthServiceClient;
  users: UserServiceClient;
  tenants: TenantServiceClient;
  close(): void;
}

export function connect(address: string): Clients {
  const credentials = ChannelCredentials.createInsecure();
  const auth = new AuthServiceClient(address, credentials);
  const users = new UserServiceClient(address, credentials);
  const tenants = new TenantServiceClient(address, credentials);
  return { auth, users, tenants, close: () => [auth, users, tenants].forEach((c: Client) => c.close()) };
}

type Unary<Req, Res> = (request: Req, metadata: Metadata, callback: (error: ServiceError | null, response: Res) => void) => unknown;

/** Calls a unary method of a generated client and returns a promise of the response. */
export function call<Req, Res>(client: object, method: Unary<Req, Res>, request: Req, metadata: Metadata = new Metadata()): Promise<Res> {
  return new Promise((resolve, reject) => method.call(client, request, metadata, (error, response) => (error ? reject(error) : resolve(response))));
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
