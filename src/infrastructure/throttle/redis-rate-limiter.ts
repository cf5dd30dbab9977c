import type { Redis } from 'ioredis';
import { Logger } from '../../application/shared/logger';
import { RateLimiter } from '../../application/shared/rate-limiter';
import { MemoryRateLimiter } from './memory-rate-limiter';
import { RedisScript } from '../redis/redis-script';

const HIT = new RedisScript(`
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`);

/** Fixed windows shared by every replica, in Redis; falls back to this process's count if Redis fails. */
export class RedisRateLimiter implements RateLimiter {
  private readonly fallback = new MemoryRateLimiter();

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
  ) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<boolean> {
    try {
      const count = Number(await HIT.run(this.redis, [`us:rate:${key}`], [windowSeconds]));
      return count <= limit;
    } catch (error) {
      this.logger.warn({ err: error }, 'rate limiter: Redis unavailable, counting in process');
      return this.fallback.hit(key, limit, windowSeconds);
    }
  }
}
