import pg from 'pg';

/** Receives each finished database query: which pool, how long, whether it failed. */
export type QueryObserver = (pool: 'master' | 'tenants', seconds: number, failed: boolean) => void;

/**
 * Times every query a pool's connections run (Prisma's queries included: the driver adapter runs them
 * through `client.query`). Wraps each connection once, when the pool opens it.
 */
export function instrumentPool(pool: pg.Pool, name: 'master' | 'tenants', observe: QueryObserver): void {
  pool.on('connect', (client: pg.PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const started = performance.now();
      const result = query(...args);
      if (result instanceof Promise) {
        result.then(
          () => observe(name, (performance.now() - started) / 1000, false),
          () => observe(name, (performance.now() - started) / 1000, true),
        );
      }
      return result;
    };
  });
}
