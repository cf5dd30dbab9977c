/**
 * Port: a read-through cache for query results, by purpose (GUIDE 2.8). Callers build keys with
 * `cacheKey`, read with `getOrLoad` (the loader is the source of truth, e.g. a PostgreSQL read) and call
 * `invalidate` after every write that changes what a key reads (after the write has committed).
 *
 * Values are plain JSON data (a snapshot the caller maps to and from its entity). They are stored as JSON,
 * so a hit returns exactly what a miss returns, and the object handed out is shared and frozen: map it,
 * never mutate it. `null` means "not found" and is cached for a short time, so a flood of unknown ids does
 * not reach the database.
 */

/** JSON data. Declare snapshots as `type` aliases (an `interface` has no index signature and is refused). */
export type CacheValue = string | number | boolean | null | readonly CacheValue[] | { readonly [field: string]: CacheValue | undefined };

declare const cacheKeyBrand: unique symbol;
/** A key made by `cacheKey`: a plain string, branded so that no hand-built string can be passed. */
export type CacheKey = string & { readonly [cacheKeyBrand]: true };

/**
 * Builds a key from its parts, most general first: `cacheKey('tenant', tenantId, 'user', userId)`.
 * Each part is percent-encoded (so it holds no `:`) and the parts are joined with `:`, which makes the
 * mapping from parts to key one-to-one: two different part lists (another tenant, an id containing `:`,
 * a different number of parts) can never give the same key. Empty parts are refused (a missing id is a
 * bug, not a key).
 */
export function cacheKey(...parts: [string, string, ...string[]]): CacheKey {
  let key = '';
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index];
    if (typeof part !== 'string' || part.length === 0) throw new TypeError(`cacheKey: part ${index} is empty`);
    // Ids and slugs are left as they are by encodeURIComponent: skip the call (every request builds keys).
    key += (index === 0 ? '' : ':') + (UNRESERVED.test(part) ? part : encodeURIComponent(part));
  }
  return key as CacheKey;
}

/** Characters encodeURIComponent never changes (a subset of them: no `!'()*`). */
const UNRESERVED = /^[A-Za-z0-9_.~-]*$/;

export interface GetOrLoadOptions {
  /** Lifetime of a found value in the shared tier; the in-process tier keeps it for at most its own TTL. */
  ttlSeconds?: number;
  /** Lifetime of a "not found" (null) result; defaults to the cache's negative TTL. */
  negativeTtlSeconds?: number;
}

export interface ReadCache {
  /**
   * The cached value for `key`, or what `loader` returns (then cached). Concurrent misses for one key
   * share one loader call. Cache failures never fail the read: at worst the loader runs. A loader error
   * reaches every caller waiting on that load and is not cached.
   */
  getOrLoad<T extends CacheValue>(key: CacheKey, loader: () => Promise<T | null>, options?: GetOrLoadOptions): Promise<T | null>;

  /**
   * What this process holds for `key` without waiting: the value, `null` for a cached "not found", or
   * `undefined` when it is not in memory (then `getOrLoad`). Lets the per-call checks answer from memory
   * without a promise.
   */
  peek<T extends CacheValue>(key: CacheKey): T | null | undefined;

  /**
   * Drops `keys` here, from the shared tier and (by a broadcast) from every replica's memory, and stops
   * reads already in flight from storing what they loaded. Call it after the write has committed. It never
   * fails because of the cache: what cannot reach the shared tier now is retried when it is back.
   */
  invalidate(...keys: CacheKey[]): Promise<void>;
}
