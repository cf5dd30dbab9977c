import type { FallbackInvalidationBus } from './postgres-invalidation-channel';
import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../../application/shared/logger';
import { CircuitBreaker } from './circuit-breaker';
import { NodeCacheL1 } from './node-cache-l1';
import { PendingInvalidations } from './pending-invalidations';
import { RedisInvalidationBus } from './redis-invalidation-bus';
import { RedisL2 } from './redis-l2';
import { DISCONNECT_TIMEOUT_MS, TieredCache } from './tiered-cache';

export interface TieredCacheConfig {
  /** `redis://` or `rediss://`; without it the cache is in-process only (staleness across replicas: L1 TTL). */
  redisUrl?: string;
  /** In-process tier; also the bound on staleness when an invalidation message is lost. Keep it short. */
  l1TtlSeconds: number;
  /** Redis tier. */
  l2TtlSeconds: number;
  /** "Not found" results, in both tiers (L1 keeps them for at most l1TtlSeconds). */
  negativeTtlSeconds: number;
  /** This replica's name, for logs and Redis connection names (a random suffix keeps replicas apart). */
  instanceId: string;
  logger: Logger;
  /** Prefix of every Redis key and of the channel; one per service and environment. */
  keyPrefix?: string;
  /** Carries invalidations Redis cannot (see TieredCacheOptions.fallback). */
  fallback?: FallbackInvalidationBus;
  /** Most entries kept in process (default 100 000). */
  l1MaxKeys?: number;
  /** Most failed invalidations remembered for replay before falling back to dropping the whole L2 (default 10 000). */
  replayCapacity?: number;
  redis?: {
    /** A command without a reply by then fails (and opens the breaker). Default 250 ms. */
    commandTimeoutMs?: number;
    /** Default 1000 ms. */
    connectTimeoutMs?: number;
    /** Reconnect backoff cap. Default 2000 ms. */
    maxReconnectDelayMs?: number;
  };
  breaker?: {
    /** Consecutive failures that open the breaker. Default 3. */
    failureThreshold?: number;
    /** How long the breaker stays open before a probe. Default 5000 ms. */
    coolDownMs?: number;
  };
}

export const DEFAULT_CACHE_KEY_PREFIX = 'user-service:cache:';

/**
 * Builds the tiered read cache. With a Redis URL it opens two connections (commands and the invalidation
 * subscriber) configured never to make a caller wait on a dead or hung Redis: no offline queue (a command
 * while disconnected fails at once), no retry of a command across reconnects, and a short command timeout;
 * reconnection continues in the background. `close()` quits both connections.
 */
export function createTieredCache(config: TieredCacheConfig): TieredCache {
  const logger = config.logger.child({ component: 'tiered-cache' });
  const l1 = new NodeCacheL1({ defaultTtlSeconds: config.l1TtlSeconds, maxKeys: config.l1MaxKeys ?? 100_000 });
  const options = { l1, l1TtlSeconds: config.l1TtlSeconds, l2TtlSeconds: config.l2TtlSeconds, negativeTtlSeconds: config.negativeTtlSeconds, logger, fallback: config.fallback };
  if (!config.redisUrl) {
    logger.info({}, 'cache: no Redis configured; in-process tier only');
    return new TieredCache(options);
  }

  const keyPrefix = config.keyPrefix ?? DEFAULT_CACHE_KEY_PREFIX;
  const name = config.instanceId.replace(/[^A-Za-z0-9._:-]/g, '_');
  const commands = new Redis(config.redisUrl, { ...connectionOptions(config), connectionName: `${name}:cache` });
  const subscriber = new Redis(config.redisUrl, { ...connectionOptions(config), connectionName: `${name}:cache-sub`, autoResubscribe: false });
  const breaker = new CircuitBreaker({
    failureThreshold: config.breaker?.failureThreshold ?? 3,
    coolDownMs: config.breaker?.coolDownMs ?? 5_000,
    // Closed only once the connection is up and any replay is done (the first 'ready' probes at once).
    initialState: 'open',
    onStateChange: (from, to, reason) => {
      if (to === 'open') logger.warn({ from, reason }, 'cache: Redis circuit open; serving from memory and the database');
      else if (to === 'closed') logger.info({ from, reason }, 'cache: Redis circuit closed; shared tier in use');
      else logger.debug({ from, reason }, 'cache: Redis circuit half-open; probing');
    },
  });
  const origin = `${config.instanceId}#${randomBytes(6).toString('hex')}`;
  const cache = new TieredCache({
    ...options,
    shared: {
      l2: new RedisL2(commands, keyPrefix),
      bus: new RedisInvalidationBus(commands, subscriber, `${keyPrefix}invalidations`, origin, logger),
      breaker,
      pending: new PendingInvalidations(config.replayCapacity ?? 10_000),
      commands,
      subscriber,
    },
  });
  // Listeners are attached; connect now. A failed first attempt keeps retrying in the background.
  commands.connect().catch(() => undefined);
  subscriber.connect().catch(() => undefined);
  return cache;
}

function connectionOptions(config: TieredCacheConfig): RedisOptions {
  const maxDelay = config.redis?.maxReconnectDelayMs ?? 2_000;
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: config.redis?.commandTimeoutMs ?? 250,
    connectTimeout: config.redis?.connectTimeoutMs ?? 1_000,
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times - 1, 10), maxDelay) + Math.floor(Math.random() * 50),
  };
}
