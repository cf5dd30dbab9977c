import type { Redis } from 'ioredis';
import { RedisScript } from '../redis/redis-script';

/**
 * Stores `ARGV[2]` under the data key for `ARGV[3]` ms, but only if the key's fence still holds what the
 * reader saw before it loaded (`ARGV[1]`, '' for none). Every invalidation writes a new fence, so a read
 * that began before an invalidation cannot store its (possibly old) value after it.
 */
const STORE_IF_UNCHANGED = `
local fence = redis.call('GET', KEYS[2])
if (fence or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

/** KEYS are (data, fence) pairs: writes a new fence token (ARGV[1], for ARGV[2] ms) and deletes the data. */
const INVALIDATE = `
for i = 1, #KEYS, 2 do
  redis.call('SET', KEYS[i + 1], ARGV[1], 'PX', ARGV[2])
  redis.call('DEL', KEYS[i])
end
return 1
`;

/** The value, the fence and the value's remaining lifetime in ms (PTTL), in one atomic round trip. */
const LOOKUP = `
return { redis.call('GET', KEYS[1]) or false, redis.call('GET', KEYS[2]) or false, redis.call('PTTL', KEYS[1]) }
`;

const storeIfUnchanged = new RedisScript(STORE_IF_UNCHANGED);
const invalidateScript = new RedisScript(INVALIDATE);
const lookupScript = new RedisScript(LOOKUP);

/**
 * What the shared tier holds for a key: its JSON and how long it has left (ms; undefined if it has no
 * expiry), or nothing plus the fence to store against.
 */
export type L2Lookup = { found: true; json: string; remainingMs: number | undefined } | { found: false; fence: string };

/**
 * The shared tier in Redis. For a cache key K (already made of encoded parts, see `cacheKey`) it uses
 * `<prefix>d:K` for the JSON value and `<prefix>f:K` for K's fence (the token of its last invalidation).
 * Every method rejects when Redis fails; the tiered cache decides what that means.
 */
export class RedisL2 {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  /** One round trip: the value and its remaining lifetime, or the fence a later `storeIfUnchanged` must match. */
  async lookup(key: string): Promise<L2Lookup> {
    const [json, fence, pttl] = (await lookupScript.run(this.redis, [this.dataKey(key), this.fenceKey(key)], [])) as [string | null, string | null, number];
    if (json === null || json === undefined) return { found: false, fence: fence ?? '' };
    return { found: true, json, remainingMs: pttl >= 0 ? pttl : undefined };
  }

  /** Stores the value unless the key was invalidated since `lookup` returned `fence`; true if stored. */
  async storeIfUnchanged(key: string, fence: string, json: string, ttlMs: number): Promise<boolean> {
    const stored = await storeIfUnchanged.run(this.redis, [this.dataKey(key), this.fenceKey(key)], [fence, json, Math.max(1, Math.round(ttlMs))]);
    return stored === 1;
  }

  /** Deletes the keys' values and gives each a new fence `token`, kept for `fenceTtlMs`; atomic. */
  async invalidate(keys: readonly string[], token: string, fenceTtlMs: number): Promise<void> {
    if (keys.length === 0) return;
    const redisKeys = keys.flatMap((key) => [this.dataKey(key), this.fenceKey(key)]);
    await invalidateScript.run(this.redis, redisKeys, [token, Math.max(1, Math.round(fenceTtlMs))]);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  /**
   * Deletes every key under the prefix (values and fences), by SCAN and UNLINK: the recovery of last resort
   * when more invalidations failed than could be remembered. Returns how many keys went.
   */
  async deleteAll(): Promise<number> {
    const pattern = `${this.keyPrefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) deleted += await this.redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  }

  private dataKey(key: string): string {
    return `${this.keyPrefix}d:${key}`;
  }

  private fenceKey(key: string): string {
    return `${this.keyPrefix}f:${key}`;
  }
}
