import pg from 'pg';

/** Receives each finished database query: which pool, how long, whether it failed. */
export type QueryObserver = (pool: 'master' | 'tenants', seconds: number, failed: boolean) => void;

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * Times every query a pool's connections run: Prisma's (the driver adapter calls `client.query` and awaits
 * its promise) and `pool.query()`'s (pg's pool passes a callback instead, as do the health probe and the
 * adapter outside transactions). Wraps each connection once, when the pool opens it.
 */
export function instrumentPool(pool: pg.Pool, name: 'master' | 'tenants', observe: QueryObserver): void {
  pool.on('connect', (client: pg.PoolClient) => {
    const query = client.query.bind(client) as AnyFunction;
    (client as unknown as { query: AnyFunction }).query = (...args: unknown[]) => {
      const started = performance.now();
      const done = (failed: boolean) => observe(name, (performance.now() - started) / 1000, failed);
      const last = args.length - 1;
      if (typeof args[last] === 'function') {
        const callback = args[last] as AnyFunction;
        args[last] = (error: unknown, ...rest: unknown[]) => {
          done(Boolean(error));
          return callback(error, ...rest);
        };
        return query(...args);
      }
      const result = query(...args);
      if (result instanceof Promise) result.then(() => done(false), () => done(true));
      return result;
    };
  });
}
