import { Redis } from 'ioredis';
import { Logger } from '../../application/shared/logger';

/**
 * A Redis connection that never makes a call wait on Redis: commands fail at once while disconnected
 * (no offline queue), time out after 250 ms, and are not retried; callers fall back to PostgreSQL or
 * in-process state. The connection itself keeps reconnecting in the background.
 */
export function createRedisClient(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 250,
    connectTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    lazyConnect: false,
  });
  let down = false;
  redis.on('error', (error: Error) => {
    // The service keeps serving without Redis (memory and PostgreSQL), so this is a warning, naming the
    // setting and what to do, once per outage.
    if (!down) {
      logger.warn(
        { err: error, setting: 'REDIS_URL', redis: describeRedisUrl(url), fix: 'start Redis there or correct REDIS_URL; unset REDIS_URL to run without Redis (in-process cache and counters only)' },
        'redis unavailable',
      );
    }
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info({}, 'redis available again');
    down = false;
  });
  return redis;
}

/** host:port of a Redis URL, without its credentials. */
function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return '(an unparsable URL)';
  }
}
