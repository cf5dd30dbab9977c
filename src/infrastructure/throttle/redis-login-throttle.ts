import type { Redis } from 'ioredis';
import { LoginThrottle } from '../../domain/auth/login-throttle';
import { Logger } from '../../application/shared/logger';
import { MemoryLoginThrottle, ThrottleSettings } from './memory-login-throttle';

const PREFIX = 'us:login';

/** KEYS: failures, lock. ARGV: window seconds, max failures, lockout seconds. Returns the lock seconds started, or 0. */
const RECORD_FAILURE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if n >= tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'EX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return tonumber(ARGV[3])
end
return 0`;

/**
 * Failed-login counters shared by every replica, in Redis (one atomic script per failure). If Redis
 * fails, the process falls back to its own counters for that call, so logins keep working.
 */
export class RedisLoginThrottle implements LoginThrottle {
  private readonly fallback: MemoryLoginThrottle;

  constructor(
    private readonly redis: Redis,
    private readonly settings: ThrottleSettings,
    private readonly logger: Logger,
  ) {
    this.fallback = new MemoryLoginThrottle(settings);
  }

  lockedFor(key: string): Promise<number> {
    return this.guard(
      async () => Math.max(0, Math.ceil((await this.redis.pttl(`${PREFIX}:lock:${key}`)) / 1000)),
      () => this.fallback.lockedFor(key),
    );
  }

  recordFailure(key: string): Promise<number> {
    return this.guard(
      async () =>
        Number(
          await this.redis.eval(RECORD_FAILURE, 2, `${PREFIX}:fail:${key}`, `${PREFIX}:lock:${key}`, this.settings.windowSeconds, this.settings.maxFailures, this.settings.lockoutSeconds),
        ),
      () => this.fallback.recordFailure(key),
    );
  }

  reset(key: string): Promise<void> {
    return this.guard(
      async () => {
        await this.redis.del(`${PREFIX}:fail:${key}`, `${PREFIX}:lock:${key}`);
      },
      () => this.fallback.reset(key),
    );
  }

  private async guard<T>(primary: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    try {
      return await primary();
    } catch (error) {
      this.logger.warn({ err: error }, 'login throttle: Redis unavailable, counting in process');
      return fallback();
    }
  }
}
