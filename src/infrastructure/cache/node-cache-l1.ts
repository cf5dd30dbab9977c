import NodeCache from 'node-cache';
import type { CacheValue } from '../../application/shared/cache';

/**
 * The in-process tier: node-cache without cloning (a hit costs a map lookup), so every value it holds is
 * deep-frozen first: readers share one object, and a caller that mutates it gets a TypeError instead of
 * silently changing what the next request reads. Bounded by `maxKeys`: when full, new entries are simply
 * not kept (the short TTL empties it again).
 */
export class NodeCacheL1 {
  private readonly cache: NodeCache;
  private full = 0;

  constructor(options: { defaultTtlSeconds: number; maxKeys: number }) {
    this.cache = new NodeCache({
      stdTTL: options.defaultTtlSeconds,
      checkperiod: Math.max(1, Math.ceil(options.defaultTtlSeconds)),
      useClones: false,
      maxKeys: options.maxKeys,
    });
  }

  /** `{ value }` on a hit (the value may be `null`, a cached "not found"), `undefined` on a miss. */
  get(key: string): { value: CacheValue } | undefined {
    const value = this.cache.get<CacheValue>(key);
    return value === undefined ? undefined : { value };
  }

  /** Stores an already frozen value (see `deepFreeze`). */
  set(key: string, value: CacheValue, ttlSeconds: number): void {
    try {
      this.cache.set(key, value, ttlSeconds);
    } catch (error) {
      // node-cache throws ECACHEFULL when maxKeys is reached, even to replace a key: drop the old entry.
      if ((error as { errorcode?: string }).errorcode !== 'ECACHEFULL') throw error;
      this.full += 1;
      this.cache.del(key);
    }
  }

  delete(keys: readonly string[]): void {
    this.cache.del(keys as string[]);
  }

  clear(): void {
    this.cache.flushAll();
  }

  /** Entries held, counting expired ones not yet swept. */
  get size(): number {
    return this.cache.getStats().keys;
  }

  /** Stores refused because the tier was full. */
  get rejectedFull(): number {
    return this.full;
  }

  /** Stops node-cache's expiry timer. */
  close(): void {
    this.cache.flushAll();
    this.cache.close();
  }
}

/** Freezes a JSON value and everything in it; returns it. */
export function deepFreeze<T extends CacheValue>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child as CacheValue);
  }
  return value;
}
