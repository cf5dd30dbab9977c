import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { Logger } from '../../application/shared/logger';
import { AttemptBudgetSettings, AttemptReservation, grantedOnce, PasswordAttemptBudget } from '../../domain/auth/password-attempt-budget';
import { MemoryPasswordAttemptBudget } from './memory-password-attempt-budget';
import { RedisScript } from '../redis/redis-script';

/**
 * Longest a reservation is held if its process never settles it (it crashed mid-check). Far above a
 * password check: hashing is bounded by its queue, which answers RESOURCE_EXHAUSTED rather than wait long.
 */
export const RESERVATION_HOLD_MS = 60_000;

/**
 * KEYS: failures, reservations in progress (sorted set scored by expiry, Redis time), lock.
 * ARGV: max failures, hold ms, reservation id. Returns {1, 0} granted, {0, ms} locked, or {2, 0} busy.
 */
const RESERVE = new RedisScript(`
local lock = redis.call('PTTL', KEYS[3])
if lock > 0 then return {0, lock} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
if failures + redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[1]) then return {2, 0} end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return {1, 0}`);

/**
 * KEYS: as RESERVE. ARGV: reservation id, outcome, window seconds, max failures, lockout seconds.
 * Returns the seconds of the lock it started, or 0.
 */
const SETTLE = new RedisScript(`
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[2] == 'valid' then redis.call('DEL', KEYS[1]) end
if ARGV[2] ~= 'invalid' then return 0 end
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
if n >= tonumber(ARGV[4]) then
  redis.call('SET', KEYS[3], '1', 'EX', ARGV[5])
  redis.call('DEL', KEYS[1])
  return tonumber(ARGV[5])
end
return 0`);

/**
 * The attempt budget shared by every replica, in Redis: one atomic script reserves, one settles. Keys of
 * an account share a hash tag, so the scripts also run on Redis Cluster. If Redis fails when reserving,
 * the process falls back to its own budget for that check, so sign-in keeps working (the limit is then per
 * replica), and withdraws the reservation in case Redis ran the script after all (a timeout); if it fails
 * when settling, the failure goes uncounted and the reservation lapses after RESERVATION_HOLD_MS.
 */
export class RedisPasswordAttemptBudget implements PasswordAttemptBudget {
  private readonly fallback: MemoryPasswordAttemptBudget;

  constructor(
    private readonly redis: Redis,
    private readonly settings: AttemptBudgetSettings,
    private readonly logger: Logger,
  ) {
    this.fallback = new MemoryPasswordAttemptBudget(settings);
  }

  async reserve(key: string): Promise<AttemptReservation> {
    const keys = budgetKeys(key);
    const id = randomUUID();
    let answer: [number, number];
    try {
      answer = (await RESERVE.run(this.redis, keys, [this.settings.maxFailures, RESERVATION_HOLD_MS, id])) as [number, number];
    } catch (error) {
      // A timeout is ambiguous: a frozen Redis runs the script when it thaws. Withdraw the reservation
      // behind it (same connection, so in order), or it would hold the budget for RESERVATION_HOLD_MS.
      this.redis.zrem(keys[1], id).catch(() => undefined);
      this.logger.warn({ err: error }, 'password attempt budget: Redis unavailable, counting in process');
      return this.fallback.reserve(key);
    }
    if (Number(answer[0]) === 2) return { granted: false, retryAfterSeconds: 1, busy: true };
    if (Number(answer[0]) !== 1) return { granted: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(answer[1]) / 1000)), busy: false };
    return grantedOnce(async (outcome) => {
      const { windowSeconds, maxFailures, lockoutSeconds } = this.settings;
      try {
        return Number(await SETTLE.run(this.redis, keys, [id, outcome, windowSeconds, maxFailures, lockoutSeconds]));
      } catch (error) {
        this.logger.warn({ err: error, outcome }, 'password attempt budget: Redis unavailable, attempt not settled');
        return 0;
      }
    });
  }

  /** Clears both budgets (Redis and this process's fallback); a Redis failure is logged, not thrown. */
  async clear(key: string): Promise<void> {
    await this.fallback.clear(key);
    const [fail, , lock] = budgetKeys(key);
    await this.redis.del(fail, lock).catch((error: unknown) => this.logger.warn({ err: error }, 'password attempt budget: Redis unavailable, lockout not cleared'));
  }
}

function budgetKeys(key: string): [string, string, string] {
  return [`us:login:{${key}}:fail`, `us:login:{${key}}:held`, `us:login:{${key}}:lock`];
}
