import { ChannelCredentials, Client, Metadata, ServiceError } from '@grpc/grpc-js';
import { AuthServiceService } from '../../src/gen/proto/userservice/v1/auth_service';
import { TenantServiceService } from '../../src/gen/proto/userservice/v1/tenant_service';
import { UserServiceService } from '../../src/gen/proto/userservice/v1/user_service';

/** grpc-js clients for setting scenarios up (tenants, users, tokens); the measured load uses `loadgen`. */

/* eslint-disable @typescript-eslint/no-explicit-any */
type ServiceDefinition = Record<string, { path: string; requestSerialize: (value: any) => Buffer; responseDeserialize: (bytes: Buffer) => any }>;

export type PromiseClient<D extends ServiceDefinition> = {
  [K in keyof D]: (request: Parameters<D[K]['requestSerialize']>[0], metadata?: Metadata) => Promise<ReturnType<D[K]['responseDeserialize']>>;
};

function promiseClient<D extends ServiceDefinition>(client: Client, definition: D): PromiseClient<D> {
  const methods = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(definition)) {
    methods[name] = (request: unknown, metadata = new Metadata()) =>
      new Promise((resolve, reject) =>
        client.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, request, metadata, { deadline: Date.now() + 60_000 }, (error: ServiceError | null, response: unknown) =>
          error ? reject(error) : resolve(response),
        ),
      );
  }
  return methods as PromiseClient<D>;
}

export interface Api {
  auth: PromiseClient<typeof AuthServiceService>;
  users: PromiseClient<typeof UserServiceService>;
  tenants: PromiseClient<typeof TenantServiceService>;
  close(): void;
}

export function connectApi(address: string): Api {
  const client = new Client(address, ChannelCredentials.createInsecure());
  return {
    auth: promiseClient(client, AuthServiceService),
    users: promiseClient(client, UserServiceService),
    tenants: promiseClient(client, TenantServiceService),
    close: () => client.close(),
  };
}

/** Request headers the service reads, as a plain object (for the load generator) … */
export function headerObject(values: { token?: string; tenant?: string }): Record<string, string> {
  const headers: Record<string, string> = {};
  if (values.token) headers.authorization = `Bearer ${values.token}`;
  if (values.tenant) headers['x-tenant-id'] = values.tenant;
  return headers;
}

/** … and as grpc-js Metadata (for setup calls). */
export function metadata(values: { token?: string; tenant?: string }): Metadata {
  const md = new Metadata();
  for (const [key, value] of Object.entries(headerObject(values))) md.set(key, value);
  return md;
}

/** Runs `task(i)` for i in [0, count) with at most `limit` at once; returns results in order. */
export async function boundedAll<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}
