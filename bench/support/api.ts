import { Metadata } from '@grpc/grpc-js';
import { Clients, connect, headers } from '../../test/support/grpc-clients';

/** grpc-js clients for setting scenarios up (tenants, users, tokens); the measured load uses `loadgen`. */
export type Api = Clients;

/** The tests' clients, with a 60 s deadline on every set-up call (a stuck scenario fails instead of hanging). */
export function connectApi(address: string): Api {
  return connect(address, { deadlineMs: 60_000 });
}

/** Request headers the service reads, as a plain object (for the load generator) … */
export function headerObject(values: { token?: string; tenant?: string }): Record<string, string> {
  const result: Record<string, string> = {};
  if (values.token) result.authorization = `Bearer ${values.token}`;
  if (values.tenant) result['x-tenant-id'] = values.tenant;
  return result;
}

/** … and as grpc-js Metadata (for setup calls): the tests' own helper. */
export const metadata: (values: { token?: string; tenant?: string }) => Metadata = headers;

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
