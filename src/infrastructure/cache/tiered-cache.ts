import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { CacheKey, CacheValue, GetOrLoadOptions, ReadCache } from '../../application/shared/cache';
import type { Logger } from '../../application/shared/logger';
import type { BreakerState, CircuitBreaker } from './circuit-breaker';
import { deepFreeze, type NodeCacheL1 } from './node-cache-l1';
import type { PendingInvalidations } from './pending-invalidations';
import type { RedisInvalidationBus } from './redis-invalidation-bus';
import type { RedisL2 } from './redis-l2';
import type { FallbackInvalidationBus } from './postgres-invalidation-channel';

/**
 * How long an invalidation's fence stays in Redis. A read in flight compares the fence it saw before
 * loading with the one there when it stores, so the fence must outlive any such read: reads that took
 * longer than half of this do not store in Redis at all.
 */
const FENCE_TTL_MS = 120_000;
const MAX_STORE_AGE_MS = FENCE_TTL_MS / 2;
/** ioredis' `disconnectTimeout` for the cache's connections (set by the factory). */
export const DISCONNECT_TIMEOUT_MS = 200;
/** Keys per replayed invalidation (one script call and one message each). */
const REPLAY_BATCH = 500;

/** The Redis side of the cache; absent when no Redis is configured (memory only). */
export interface SharedTier {
  l2: RedisL2;
  bus: RedisInvalidationBus;
  breaker: CircuitBreaker;
  pending: PendingInvalidations;
  /** The command connection (L2 and publishing) and the subscriber, both created with `lazyConnect`. */
  commands: Redis;
  subscriber: Redis;
}

export interface TieredCacheOptions {
  l1: NodeCacheL1;
  shared?: SharedTier;
  l1TtlSeconds: number;
  l2TtlSeconds: number;
  negativeTtlSeconds: number;
  logger: Logger;
  /**
   * Carries invalidations that Redis cannot (no Redis, or Redis unreachable from this replica) to every
   * replica at once; see PostgresInvalidationChannel. Without it they reach other replicas by TTL only.
   */
  fallback?: FallbackInvalidationBus;
}

/** Counters and gauges, as a plain object for logs and (later) metrics. Counters only grow. */
export interface TieredCacheStats {
  l1: { hits: number; misses: number; size: number; rejectedFull: number; clears: number };
  l2: { enabled: boolean; hits: number; misses: number; stores: number; skipped: number };
  loads: number;
  loadErrors: number;
  /** Callers that waited for a load already running for the same key instead of starting their own. */
  singleFlightJoins: number;
  /** Loaded values not cached because the key was invalidated while they were being read. */
  staleStoresPrevented: number;
  invalidations: { local: number; received: number; pendingReplay: number; pendingOverflow: boolean; replayed: number; fallbackSent: number; fallbackReceived: number };
  redis: { configured: boolean; errors: number; breaker: BreakerState | 'disabled'; breakerOpenings: number; subscriber: 'listening' | 'down' | 'disabled' };
}

interface Flight {
  promise: Promise<CacheValue>;
  startedAt: number;
}

/**
 * The read cache: L1 in process (node-cache), L2 in Redis behind a circuit breaker, then the loader.
 *
 * Consistency, for one key:
 * - Reads: concurrent misses share one flight (L2 lookup, then the loader). A flight stores its result
 *   only if it is still the key's current flight when it finishes: `invalidate` (local or received) ends
 *   the current flight's right to store, and the next reader starts a new one. In Redis, the same guard
 *   across replicas is the fence (see `RedisL2`); a value Redis refuses is not kept in L1 either.
 * - Writes: `invalidate` drops L1 here at once, then deletes and fences the L2 entries and publishes the
 *   keys so other replicas drop theirs. If Redis is unreachable, the keys are remembered and replayed
 *   (deleted, fenced, published) before this replica uses L2 again.
 * - The subscriber cannot know what it missed while disconnected, so each (re)subscription clears L1.
 *
 * Failures: a Redis error never fails a read or an invalidation. The breaker opens after consecutive
 * failures, a command timeout or a lost connection; while it is not closed L2 is skipped (no latency).
 * A probe (PING, then the replay) runs in the background after the cool-down or as soon as the
 * connection reports ready, and closes the breaker when it succeeds.
 */
export class TieredCache implements ReadCache {
  private readonly flights = new Map<string, Flight>();
  private readonly l1: NodeCacheL1;
  private readonly shared?: SharedTier;
  private readonly logger: Logger;
  private closed = false;
  private probeTimer?: NodeJS.Timeout;
  private connectionErrorLogged = false;
  private readonly counters = {
    l1Hits: 0,
    l1Misses: 0,
    l1Clears: 0,
    l2Hits: 0,
    l2Misses: 0,
    l2Stores: 0,
    l2Skipped: 0,
    loads: 0,
    loadErrors: 0,
    joins: 0,
    stalePrevented: 0,
    invalidations: 0,
    replayed: 0,
    redisErrors: 0,
    fallbackSent: 0,
    fallbackReceived: 0,
  };

  constructor(private readonly options: TieredCacheOptions) {
    for (const name of ['l1TtlSeconds', 'l2TtlSeconds', 'negativeTtlSeconds'] as const) {
      assertPositive(options[name], name);
    }
    this.l1 = options.l1;
    this.shared = options.shared;
    this.logger = options.logger;
    if (this.shared) this.watchRedis(this.shared);
    options.fallback?.start({ onKeys: (keys) => void this.receiveFallback(keys), onResync: () => this.clearLocally() });
  }

  async getOrLoad<T extends CacheValue>(key: CacheKey, loader: () => Promise<T | null>, options: GetOrLoadOptions = {}): Promise<T | null> {
    if (this.closed) return loader();
    const hit = this.l1.get(key);
    if (hit) {
      this.counters.l1Hits += 1;
      return hit.value as T | null;
    }
    this.counters.l1Misses += 1;
    const running = this.flights.get(key);
    if (running) {
      this.counters.joins += 1;
      return running.promise as Promise<T | null>;
    }
    const flight: Flight = { promise: Promise.resolve(null), startedAt: performance.now() };
    this.flights.set(key, flight);
    flight.promise = this.fill(key, loader, options, flight).finally(() => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    });
    return flight.promise as Promise<T | null>;
  }

  peek<T extends CacheValue>(key: CacheKey): T | null | undefined {
    if (this.closed) return undefined;
    const hit = this.l1.get(key);
    if (!hit) return undefined;
    this.counters.l1Hits += 1;
    return hit.value as T | null;
  }

  async invalidate(...keys: CacheKey[]): Promise<void> {
    if (keys.length === 0 || this.closed) return;
    this.counters.invalidations += keys.length;
    this.dropLocally(keys);
    const shared = this.shared;
    if (!shared) return this.publishFallback(keys);
    if (!this.redisUsable(shared)) {
      shared.pending.add(keys);
      return this.publishFallback(keys);
    }
    if (!(await this.invalidateShared(shared, keys))) await this.publishFallback(keys);
  }

  /**
   * Deletes and fences `keys` in Redis and publishes them to the other replicas; false (the keys kept for
   * replay) if Redis failed.
   */
  private async invalidateShared(shared: SharedTier, keys: readonly string[]): Promise<boolean> {
    try {
      await Promise.all([shared.l2.invalidate(keys, fenceToken(), FENCE_TTL_MS), shared.bus.publish(keys)]);
      shared.breaker.recordSuccess();
      return true;
    } catch (error) {
      shared.pending.add(keys);
      this.redisFailed(shared, error);
      return false;
    }
  }

  /** Redis could not carry these keys: tell the other replicas through the fallback bus, if there is one. */
  private async publishFallback(keys: readonly string[]): Promise<void> {
    const fallback = this.options.fallback;
    if (!fallback) return;
    try {
      await fallback.publish(keys);
      this.counters.fallbackSent += keys.length;
    } catch (error) {
      this.logger.warn({ err: error, keys: keys.length }, 'cache: could not send invalidations over the database channel either; other replicas see them by TTL');
    }
  }

  /**
   * Keys another replica could not send through Redis: dropped here, and if this replica reaches Redis,
   * from the shared tier and every replica's memory too (never sent back over the fallback bus).
   */
  private async receiveFallback(keys: string[]): Promise<void> {
    if (this.closed || keys.length === 0) return;
    this.counters.fallbackReceived += keys.length;
    this.dropLocally(keys);
    const shared = this.shared;
    if (!shared || !this.redisUsable(shared)) return;
    await this.invalidateShared(shared, keys);
  }

  stats(): TieredCacheStats {
    const c = this.counters;
    const shared = this.shared;
    return {
      l1: { hits: c.l1Hits, misses: c.l1Misses, size: this.closed ? 0 : this.l1.size, rejectedFull: this.l1.rejectedFull, clears: c.l1Clears },
      l2: { enabled: shared !== undefined, hits: c.l2Hits, misses: c.l2Misses, stores: c.l2Stores, skipped: c.l2Skipped },
      loads: c.loads,
      loadErrors: c.loadErrors,
      singleFlightJoins: c.joins,
      staleStoresPrevented: c.stalePrevented,
      invalidations: {
        local: c.invalidations,
        received: shared?.bus.messagesReceived ?? 0,
        pendingReplay: shared?.pending.size ?? 0,
        pendingOverflow: shared?.pending.overflowed ?? false,
        replayed: c.replayed,
        fallbackSent: c.fallbackSent,
        fallbackReceived: c.fallbackReceived,
      },
      redis: {
        configured: shared !== undefined,
        errors: c.redisErrors,
        breaker: shared?.breaker.state ?? 'disabled',
        breakerOpenings: shared?.breaker.openings ?? 0,
        subscriber: shared ? (shared.bus.isListening ? 'listening' : 'down') : 'disabled',
      },
    };
  }

  /** Quits both Redis connections and stops the L1 timer; afterwards reads go straight to the loader. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.probeTimer);
    this.flights.clear();
    this.l1.close();
    if (this.shared) await Promise.all([closeConnection(this.shared.commands), closeConnection(this.shared.subscriber)]);
  }

  private async fill<T extends CacheValue>(key: string, loader: () => Promise<T | null>, options: GetOrLoadOptions, flight: Flight): Promise<CacheValue> {
    const shared = this.shared;
    // The fence seen by an L2 lookup that missed; undefined when L2 was not consulted (then no L2 store).
    let fence: string | undefined;
    if (shared && this.redisUsable(shared)) {
      try {
        const found = await shared.l2.lookup(key);
        shared.breaker.recordSuccess();
        if (found.found) {
          const value = parseStored(found.json);
          if (value !== undefined) {
            this.counters.l2Hits += 1;
            // The entry keeps what is left of its Redis lifetime: a hit never re-arms it, so no replica can
            // keep an entry longer than it was first stored for.
            const ttlSeconds = value === null ? this.options.negativeTtlSeconds : this.options.l1TtlSeconds;
            const remainingSeconds = found.remainingMs === undefined ? ttlSeconds : found.remainingMs / 1000;
            if (remainingSeconds > 0) this.storeL1(key, value, flight, Math.min(ttlSeconds, remainingSeconds));
            return value;
          }
          this.logger.warn({ key }, 'cache: ignored an unreadable value in Redis');
        } else {
          fence = found.fence;
        }
        this.counters.l2Misses += 1;
      } catch (error) {
        this.redisFailed(shared, error);
      }
    } else if (shared) {
      this.counters.l2Skipped += 1;
    }

    this.counters.loads += 1;
    let loaded: T | null;
    try {
      loaded = await loader();
    } catch (error) {
      this.counters.loadErrors += 1;
      throw error;
    }
    // Through JSON, so a miss returns exactly what a later hit will (and non-JSON data fails here, loudly).
    const json = JSON.stringify(loaded ?? null);
    const value = deepFreeze(JSON.parse(json) as CacheValue);
    const ttlSeconds = value === null ? (options.negativeTtlSeconds ?? this.options.negativeTtlSeconds) : (options.ttlSeconds ?? this.options.l2TtlSeconds);
    assertPositive(ttlSeconds, value === null ? 'negativeTtlSeconds' : 'ttlSeconds');

    if (shared && fence !== undefined && this.flights.get(key) === flight) {
      if (performance.now() - flight.startedAt > MAX_STORE_AGE_MS || !this.redisUsable(shared)) {
        this.counters.l2Skipped += 1;
      } else {
        try {
          const stored = await shared.l2.storeIfUnchanged(key, fence, json, ttlSeconds * 1000);
          shared.breaker.recordSuccess();
          if (stored) {
            this.counters.l2Stores += 1;
          } else {
            // Invalidated (possibly by another replica) while we were loading: what we read may be old.
            this.counters.stalePrevented += 1;
            return value;
          }
        } catch (error) {
          this.redisFailed(shared, error);
        }
      }
    }
    this.storeL1(key, value, flight, ttlSeconds);
    return value;
  }

  /** Keeps the value in L1 for at most its own TTL, unless an invalidation ended this flight's right to. */
  private storeL1(key: string, value: CacheValue, flight: Flight, ttlSeconds: number): void {
    if (this.flights.get(key) !== flight) {
      this.counters.stalePrevented += 1;
      return;
    }
    this.l1.set(key, value, Math.min(ttlSeconds, this.options.l1TtlSeconds));
  }

  private dropLocally(keys: readonly string[]): void {
    this.l1.delete(keys);
    for (const key of keys) this.flights.delete(key);
  }

  private clearLocally(): void {
    if (this.closed) return;
    this.counters.l1Clears += 1;
    this.l1.clear();
    this.flights.clear();
  }

  /** True if L2 may be used now; if the breaker is due for a probe, starts it in the background. */
  private redisUsable(shared: SharedTier): boolean {
    if (shared.breaker.isClosed) return true;
    if (shared.breaker.tryStartProbe()) void this.recover(shared);
    return false;
  }

  private redisFailed(shared: SharedTier, error: unknown): void {
    this.counters.redisErrors += 1;
    const message = error instanceof Error ? error.message : String(error);
    if (message === 'Command timed out') shared.breaker.trip('command timed out');
    else shared.breaker.recordFailure(message);
    this.logger.debug({ err: error }, 'cache: Redis call failed');
    this.scheduleProbe(shared);
  }

  /**
   * While the breaker is open, probes on a timer too (not only when a read misses L1), so that the
   * replay and the return to L2 do not wait for traffic.
   */
  private scheduleProbe(shared: SharedTier): void {
    if (this.closed || this.probeTimer || shared.breaker.state !== 'open') return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      if (this.closed) return;
      if (shared.breaker.tryStartProbe()) void this.recover(shared);
      else this.scheduleProbe(shared);
    }, shared.breaker.probeDueInMs + 1);
    this.probeTimer.unref();
  }

  /**
   * The half-open probe: PING, then replay what could not be invalidated while Redis was away (or drop
   * the whole shared tier if too much was missed), and only then let reads use L2 again.
   */
  private async recover(shared: SharedTier): Promise<void> {
    try {
      await shared.l2.ping();
      if (shared.pending.takeOverflow()) {
        try {
          const deleted = await shared.l2.deleteAll();
          await shared.bus.publishClearAll();
          this.logger.warn({ deleted }, 'cache: too many invalidations were missed while Redis was away; dropped the shared tier');
        } catch (error) {
          shared.pending.markOverflow();
          throw error;
        }
      }
      while (!shared.pending.isEmpty) {
        const batch = shared.pending.take(REPLAY_BATCH) as CacheKey[];
        try {
          await Promise.all([shared.l2.invalidate(batch, fenceToken(), FENCE_TTL_MS), shared.bus.publish(batch)]);
          this.counters.replayed += batch.length;
        } catch (error) {
          shared.pending.add(batch);
          throw error;
        }
      }
      shared.breaker.probeSucceeded();
    } catch (error) {
      this.counters.redisErrors += 1;
      shared.breaker.probeFailed(error instanceof Error ? error.message : String(error));
      this.scheduleProbe(shared);
    }
  }

  private watchRedis(shared: SharedTier): void {
    const { commands } = shared;
    commands.on('ready', () => {
      this.connectionErrorLogged = false;
      if (!this.closed && shared.breaker.tryStartProbe(true)) void this.recover(shared);
    });
    commands.on('close', () => {
      if (this.closed) return;
      shared.breaker.trip('connection lost');
      this.scheduleProbe(shared);
    });
    const onError = (error: Error) => {
      if (this.closed) return;
      // One warning per outage; reconnect attempts repeat the same error.
      if (this.connectionErrorLogged) this.logger.debug({ err: error }, 'cache: Redis connection error');
      else this.logger.warn({ err: error }, 'cache: Redis connection error');
      this.connectionErrorLogged = true;
    };
    commands.on('error', onError);
    shared.subscriber.on('error', onError);
    shared.bus.start({
      onKeys: (keys) => this.dropLocally(keys),
      onResync: () => this.clearLocally(),
    });
    this.scheduleProbe(shared);
  }
}

function assertPositive(value: number, name: string): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number of seconds`);
}

function fenceToken(): string {
  return randomUUID();
}

/** The stored JSON, or undefined if it cannot be read. */
function parseStored(json: string): CacheValue | undefined {
  try {
    return deepFreeze(JSON.parse(json) as CacheValue);
  } catch {
    return undefined;
  }
}

/** QUIT when connected (graceful), otherwise disconnect; resolves once the connection has ended. */
async function closeConnection(redis: Redis): Promise<void> {
  const status = redis.status;
  if (status === 'end') return;
  const hasSocket = redis.status === 'connecting' || redis.status === 'connect' || redis.status === 'ready';
  const ended = new Promise<void>((resolve) => {
    if (!hasSocket) return resolve();
    const timer = setTimeout(resolve, 2_000);
    timer.unref();
    redis.once('end', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  if (redis.status === 'ready') {
    try {
      await redis.quit();
    } catch {
      redis.disconnect();
    }
  } else {
    redis.disconnect();
  }
  await ended;
  if (!hasSocket && status !== 'wait') {
    // ioredis arms a timer (disconnectTimeout) to destroy the old, already closed socket; let it run out
    // so that no handle is left behind.
    await new Promise((resolve) => setTimeout(resolve, DISCONNECT_TIMEOUT_MS + 10));
  }
}
