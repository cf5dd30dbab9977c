// The tiered read cache against real Redis servers (no mocks): the machine's Redis (TEST_REDIS_URL, default
// redis://127.0.0.1:6379) with keys under a prefix unique to each test, and, for failures, redis-server
// processes of the test's own (killed, paused and restarted) plus a TCP proxy that can cut one replica off.
// Several cache instances on one Redis stand for several replicas. Nothing here asserts wall-clock time:
// waits are "until a condition holds", and calls that must not wait for Redis timeouts run with timeouts
// longer than the test's own.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { cacheKey, type CacheKey, type CacheValue } from '../../src/application/shared/cache';
import type { Logger } from '../../src/application/shared/logger';
import { CircuitBreaker } from '../../src/infrastructure/cache/circuit-breaker';
import { createTieredCache, type TieredCacheConfig } from '../../src/infrastructure/cache/create-tiered-cache';
import { RedisL2 } from '../../src/infrastructure/cache/redis-l2';
import type { TieredCache } from '../../src/infrastructure/cache/tiered-cache';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN = randomUUID();
/** Longer than Jest's test timeout: a call that waited for one of these would fail the test. */
const NEVER_MS = 120_000;

type UserSnapshot = { id: string; email: string; version: number };

// ---------------------------------------------------------------------------------------------------------
// Helpers

/** A logger that keeps what it is given, so tests stay quiet and can look at it. */
function memoryLogger(): Logger & { entries: Array<{ level: string; message: string }> } {
  const entries: Array<{ level: string; message: string }> = [];
  const logger = {
    entries,
    debug: (_fields: object, message: string) => void entries.push({ level: 'debug', message }),
    info: (_fields: object, message: string) => void entries.push({ level: 'info', message }),
    warn: (_fields: object, message: string) => void entries.push({ level: 'warn', message }),
    error: (_fields: object, message: string) => void entries.push({ level: 'error', message }),
    child: () => logger,
    isLevelEnabled: () => true,
  };
  return logger;
}

let prefixCounter = 0;
function uniquePrefix(): string {
  prefixCounter += 1;
  return `test:tiered-cache:${RUN}:${prefixCounter}:`;
}

const openCaches: TieredCache[] = [];
function makeCache(overrides: Partial<TieredCacheConfig> = {}): TieredCache {
  const cache = createTieredCache({
    redisUrl: REDIS_URL,
    l1TtlSeconds: 60,
    l2TtlSeconds: 300,
    negativeTtlSeconds: 30,
    instanceId: `test-${prefixCounter}-${openCaches.length}`,
    logger: memoryLogger(),
    keyPrefix: `test:tiered-cache:${RUN}:shared:`,
    ...overrides,
  });
  openCaches.push(cache);
  return cache;
}

afterEach(async () => {
  await Promise.all(openCaches.splice(0).map((cache) => cache.close()));
});

afterAll(async () => {
  // Everything this run wrote to the machine's Redis (values and fences) goes.
  const redis = new Redis(REDIS_URL);
  try {
    await new RedisL2(redis, `test:tiered-cache:${RUN}:`).deleteAll();
  } finally {
    await redis.quit();
  }
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true; fails with `what` if it never does. */
async function eventually(what: string, check: () => boolean | Promise<boolean>, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await sleep(20);
  }
}

async function connected(cache: TieredCache): Promise<void> {
  await eventually('cache connected to Redis', () => {
    const { redis } = cache.stats();
    return redis.breaker === 'closed' && redis.subscriber === 'listening';
  });
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A stand-in for PostgreSQL: rows by id, and a count of reads. */
class FakeTable {
  readonly rows = new Map<string, UserSnapshot>();
  reads = 0;

  loader(id: string): () => Promise<UserSnapshot | null> {
    return async () => {
      this.reads += 1;
      return this.rows.get(id) ?? null;
    };
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A redis-server of the test's own, on a fixed port so that it can be killed and started again. */
class OwnRedis {
  private process?: ChildProcess;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.process = child;
    await eventually(`redis-server on ${this.port} answers`, async () => {
      try {
        const { stdout } = await promisify(execFile)('redis-cli', ['-p', String(this.port), 'ping']);
        return stdout.trim() === 'PONG';
      } catch {
        return false;
      }
    });
  }

  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  pause(): void {
    this.process?.kill('SIGSTOP');
  }

  resume(): void {
    this.process?.kill('SIGCONT');
  }
}

/** A TCP proxy to Redis that can cut every connection through it (a network partition for one replica). */
class CuttableProxy {
  private readonly sockets = new Set<net.Socket>();
  private cut = false;
  private server?: net.Server;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      if (this.cut) return void client.destroy();
      const upstream = net.connect(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  cutOff(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.cut = false;
  }

  async stop(): Promise<void> {
    this.cutOff();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Keys

describe('cacheKey', () => {
  it('keeps parts apart: no two different part lists give the same key', () => {
    // Joined naively with ':', each pair below would be one key.
    const pairs: Array<[[string, string, ...string[]], [string, string, ...string[]]]> = [
      [['tenant', 't1:user:u', 'user', '1'], ['tenant', 't1', 'user', 'u:user:1']],
      [['tenant', 'a', 'user', 'b:c'], ['tenant', 'a', 'user', 'b', 'c']],
      [['tenant', 'a%3Ab', 'user', '1'], ['tenant', 'a:b', 'user', '1']],
    ];
    for (const [left, right] of pairs) expect(cacheKey(...left)).not.toBe(cacheKey(...right));
    expect(cacheKey('tenant', 'a', 'user', '1')).toBe(cacheKey('tenant', 'a', 'user', '1'));
  });

  it('refuses empty parts', () => {
    expect(() => cacheKey('tenant', '', 'user', '1')).toThrow(TypeError);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The breaker on its own, with a clock the test moves

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures, lets one probe through after the cool-down, and closes on success', () => {
    let now = 0;
    const changes: string[] = [];
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 1000, now: () => now, onStateChange: (from, to) => changes.push(`${from}>${to}`) });
    breaker.recordFailure('x');
    breaker.recordFailure('x');
    breaker.recordSuccess(); // resets the count
    breaker.recordFailure('x');
    breaker.recordFailure('x');
    expect(breaker.state).toBe('closed');
    breaker.recordFailure('x');
    expect(breaker.state).toBe('open');

    now = 999;
    expect(breaker.tryStartProbe()).toBe(false);
    now = 1000;
    expect(breaker.tryStartProbe()).toBe(true);
    expect(breaker.tryStartProbe()).toBe(false); // one probe at a time
    expect(breaker.state).toBe('half-open');
    breaker.probeFailed('still down');
    expect(breaker.state).toBe('open');
    now = 1500;
    expect(breaker.tryStartProbe()).toBe(false); // a new cool-down from the failed probe
    expect(breaker.tryStartProbe(true)).toBe(true); // unless the resource says it is back
    breaker.probeSucceeded();
    expect(breaker.state).toBe('closed');
    breaker.trip('timeout');
    expect(breaker.state).toBe('open');
    expect(changes).toEqual(['closed>open', 'open>half-open', 'half-open>open', 'open>half-open', 'half-open>closed', 'closed>open']);
    expect(breaker.openings).toBe(3);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Normal operation, on the machine's Redis

describe('tiered cache on a healthy Redis', () => {
  it('20 concurrent misses for one key make one L2 lookup and one load', async () => {
    const cache = makeCache({ keyPrefix: uniquePrefix() });
    await connected(cache);
    const key = cacheKey('tenant', 't1', 'user', 'u1');
    const gate = deferred<void>();
    let loads = 0;
    const loader = async (): Promise<UserSnapshot> => {
      loads += 1;
      await gate.promise;
      return { id: 'u1', email: 'a@example.com', version: 1 };
    };
    const reads = Array.from({ length: 20 }, () => cache.getOrLoad(key, loader));
    await eventually('the load has started', () => loads === 1);
    gate.resolve();
    const results = await Promise.all(reads);
    expect(loads).toBe(1);
    expect(new Set(results).size).toBe(1); // one shared object
    expect(results[0]).toEqual({ id: 'u1', email: 'a@example.com', version: 1 });
    expect(cache.stats()).toMatchObject({ loads: 1, singleFlightJoins: 19, l2: { misses: 1, stores: 1 } });
  });

  it('serves a second read from memory, frozen, without Redis or the loader', async () => {
    const cache = makeCache({ keyPrefix: uniquePrefix() });
    await connected(cache);
    const table = new FakeTable();
    table.rows.set('u1', { id: 'u1', email: 'a@example.com', version: 1 });
    const key = cacheKey('tenant', 't1', 'user', 'u1');
    const first = await cache.getOrLoad(key, table.loader('u1'));
    const second = await cache.getOrLoad(key, table.loader('u1'));
    expect(second).toBe(first);
    expect(table.reads).toBe(1);
    expect(cache.stats()).toMatchObject({ l1: { hits: 1, misses: 1, size: 1 }, l2: { hits: 0, misses: 1 } });
    expect(() => {
      (second as { email: string }).email = 'changed@example.com';
    }).toThrow(TypeError);
  });

  it('a hit returns what a miss returned: values go through JSON', async () => {
    const cache = makeCache({ keyPrefix: uniquePrefix() });
    await connected(cache);
    const key = cacheKey('tenant', 't1', 'thing', '1');
    const loaded = await cache.getOrLoad(key, async () => ({ a: 1, gone: undefined, list: [1, 'two'] }));
    expect(loaded).toEqual({ a: 1, list: [1, 'two'] });
    expect(Object.keys(loaded as object)).toEqual(['a', 'list']);
  });

  it('another replica reads the value from Redis (L2) without loading it', async () => {
    const prefix = uniquePrefix();
    const a = makeCache({ keyPrefix: prefix });
    const b = makeCache({ keyPrefix: prefix });
    await Promise.all([connected(a), connected(b)]);
    const table = new FakeTable();
    table.rows.set('u1', { id: 'u1', email: 'a@example.com', version: 1 });
    const key = cacheKey('tenant', 't1', 'user', 'u1');
    await a.getOrLoad(key, table.loader('u1'));
    expect(await b.getOrLoad(key, table.loader('u1'))).toEqual({ id: 'u1', email: 'a@example.com', version: 1 });
    expect(table.reads).toBe(1);
    expect(b.stats()).toMatchObject({ loads: 0, l2: { hits: 1 } });
  });

  it('an invalidation on one replica reaches the others through pub/sub, long before their L1 TTL', async () => {
    const prefix = uniquePrefix();
    const a = makeCache({ keyPrefix: prefix, l1TtlSeconds: 3600 });
    const b = makeCache({ keyPrefix: prefix, l1TtlSeconds: 3600 });
    await Promise.all([connected(a), connected(b)]);
    const table = new FakeTable();
    table.rows.set('u1', { id: 'u1', email: 'old@example.com', version: 1 });
    const key = cacheKey('tenant', 't1', 'user', 'u1');
    await a.getOrLoad(key, table.loader('u1'));
    await b.getOrLoad(key, table.loader('u1')); // now in b's L1
    expect(b.stats().l1.size).toBe(1);

    table.rows.set('u1', { id: 'u1', email: 'new@example.com', version: 2 });
    await a.invalidate(key);
    // The writer's own next read is fresh at once.
    expect(await a.getOrLoad(key, table.loader('u1'))).toMatchObject({ version: 2 });
    // The other replica drops its copy when the message arrives (its L1 TTL is an hour).
    await eventually('b reads the new version', async () => (await b.getOrLoad(key, table.loader('u1')))?.version === 2);
    expect(b.stats().invalidations.received).toBeGreaterThanOrEqual(1);
  });

  it('caches "not found" (null) in both tiers, for the negative TTL only', async () => {
    const prefix = uniquePrefix();
    const a = makeCache({ keyPrefix: prefix, negativeTtlSeconds: 1 });
    const b = makeCache({ keyPrefix: prefix, negativeTtlSeconds: 1 });
    await Promise.all([connected(a), connected(b)]);
    const table = new FakeTable();
    const key = cacheKey('tenant', 't1', 'user', 'unknown');
    const flood = await Promise.all(Array.from({ length: 50 }, () => a.getOrLoad(key, table.loader('unknown'))));
    expect(flood.every((value) => value === null)).toBe(true);
    expect(await a.getOrLoad(key, table.loader('unknown'))).toBeNull();
    expect(await b.getOrLoad(key, table.loader('unknown'))).toBeNull(); // from L2
    expect(table.reads).toBe(1);
    expect(b.stats()).toMatchObject({ loads: 0, l2: { hits: 1 } });

    // The row appears without an invalidation (e.g. created by a path that does not know the key):
    // the negative entry expires and the row is found.
    table.rows.set('unknown', { id: 'unknown', email: 'u@example.com', version: 1 });
    await eventually('the negative entry expires', async () => (await a.getOrLoad(key, table.loader('unknown'))) !== null);
  });

  it('keys of two tenants never collide, even with ids crafted to', async () => {
    const prefix = uniquePrefix();
    const a = makeCache({ keyPrefix: prefix });
    const b = makeCache({ keyPrefix: prefix });
    await Promise.all([connected(a), connected(b)]);
    // `tenant:<id>:user:<id>` joined naively would make these two the same string.
    const keyOfTenant1 = cacheKey('tenant', 't1:user:u', 'user', '1');
    const keyOfTenant2 = cacheKey('tenant', 't1', 'user', 'u:user:1');
    await a.getOrLoad(keyOfTenant1, async () => ({ tenant: 't1:user:u', id: '1' }));
    expect(await a.getOrLoad(keyOfTenant2, async () => ({ tenant: 't1', id: 'u:user:1' }))).toEqual({ tenant: 't1', id: 'u:user:1' });
    // And in Redis, read from a replica that has neither in memory.
    expect(await b.getOrLoad(keyOfTenant1, async () => null)).toEqual({ tenant: 't1:user:u', id: '1' });
    expect(await b.getOrLoad(keyOfTenant2, async () => null)).toEqual({ tenant: 't1', id: 'u:user:1' });
    // Invalidating one leaves the other.
    await a.invalidate(keyOfTenant1);
    expect(await a.getOrLoad(keyOfTenant2, async () => null)).toEqual({ tenant: 't1', id: 'u:user:1' });
  });

  it('a read that started before an invalidation does not store its old value afterwards', async () => {
    const prefix = uniquePrefix();
    const a = makeCache({ keyPrefix: prefix });
    const b = makeCache({ keyPrefix: prefix });
    await Promise.all([connected(a), connected(b)]);
    const key = cacheKey('tenant', 't1', 'user', 'u1');
    const table = new FakeTable();
    table.rows.set('u1', { id: 'u1', email: 'new@example.com', version: 2 });

    // A slow read of the old row is in flight when the write commits and invalidates.
    const gate = deferred<void>();
    const slowOldRead = a.getOrLoad(key, async () => {
      await gate.promise;
      return { id: 'u1', email: 'old@example.com', version: 1 };
    });
    await eventually('the slow read is loading', () => a.stats().loads === 1);
    await a.invalidate(key);
    // A read after the invalidation does not join the old flight: it loads the new row.
    expect(await a.getOrLoad(key, table.loader('u1'))).toMatchObject({ version: 2 });
    await a.invalidate(key);
    gate.resolve();
    expect(await slowOldRead).toMatchObject({ version: 1 }); // its own caller started before the write

    // Neither tier kept the old value.
    expect(await a.getOrLoad(key, table.loader('u1'))).toMatchObject({ version: 2 });
    expect(await b.getOrLoad(key, table.loader('u1'))).toMatchObject({ version: 2 });
    expect(a.stats().staleStoresPrevented).toBeGreaterThanOrEqual(1);
  });

  it('the same race across replicas: a read on one replica cannot store after another replica invalidated', async () => {
    const prefix = uniquePrefix();
    const writer = makeCache({ keyPrefix: prefix });
    const reader = makeCache({ keyPrefix: prefix });
    const other = makeCache({ keyPrefix: prefix });
    await Promise.all([connected(writer), connected(reader), connected(other)]);
    const key = cacheKey('tenant', 't1', 'user', 'u1');
    const table = new FakeTable();
    table.rows.set('u1', { id: 'u1', email: 'new@example.com', version: 2 });

    const gate = deferred<void>();
    const slowOldRead = reader.getOrLoad(key, async () => {
      await gate.promise;
      return { id: 'u1', email: 'old@example.com', version: 1 };
    });
    await eventually('the slow read is loading (its L2 lookup is done)', () => reader.stats().loads === 1);
    await writer.invalidate(key);
    gate.resolve();
    await slowOldRead;
    // Whether the message or the fence stopped it, the old value is in no tier of any replica.
    expect(await reader.getOrLoad(key, table.loader('u1'))).toMatchObject({ version: 2 });
    expect(await other.getOrLoad(key, table.loader('u1'))).toMatchObject({ version: 2 });
  });

  it('the Redis fence refuses a store whose lookup came before an invalidation', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      const l2 = new RedisL2(redis, uniquePrefix());
      const seen = await l2.lookup('k');
      expect(seen).toEqual({ found: false, fence: '' });
      await l2.invalidate(['k'], 'token-1', 60_000);
      expect(await l2.storeIfUnchanged('k', seen.found ? '' : seen.fence, '"old"', 60_000)).toBe(false);
      expect(await l2.lookup('k')).toEqual({ found: false, fence: 'token-1' });
      expect(await l2.storeIfUnchanged('k', 'token-1', '"new"', 60_000)).toBe(true);
      const hit = await l2.lookup('k');
      expect(hit).toEqual({ found: true, json: '"new"', remainingMs: expect.any(Number) });
      expect(hit.found && hit.remainingMs).toBeGreaterThan(0);
      expect(hit.found && hit.remainingMs).toBeLessThanOrEqual(60_000);
    } finally {
      await redis.quit();
    }
  });

  it('an entry read from Redis keeps its remaining lifetime in memory: a hit never re-arms it', async () => {
    const prefix = uniquePrefix();
    // Memory would keep an entry for 60 s, and "not found" for 30 s, if a hit re-armed it.
    const writer = makeCache({ keyPrefix: prefix });
    const reader = makeCache({ keyPrefix: prefix });
    await Promise.all([connected(writer), connected(reader)]);
    const table = new FakeTable();
    table.rows.set('u1', { id: 'u1', email: 'a@example.com', version: 1 });
    const found = cacheKey('tenant', 't1', 'user', 'u1');
    const missing = cacheKey('tenant', 't1', 'user', 'nobody');
    // Stored in Redis for one second only (found), and "not found" for one second.
    await writer.getOrLoad(found, table.loader('u1'), { ttlSeconds: 1 });
    await writer.getOrLoad(missing, table.loader('nobody'), { negativeTtlSeconds: 1 });
    const readsBefore = table.reads;
    expect(await reader.getOrLoad(found, table.loader('u1'))).toMatchObject({ version: 1 });
    expect(await reader.getOrLoad(missing, table.loader('nobody'))).toBeNull();
    expect(table.reads).toBe(readsBefore); // both from Redis
    table.rows.set('u1', { id: 'u1', email: 'a@example.com', version: 2 });
    table.rows.set('nobody', { id: 'nobody', email: 'b@example.com', version: 1 });
    // The reader's memory lets both go when their Redis lifetime ends, not a minute later.
    await eventually('the reader reads the database again', async () => (await reader.getOrLoad(found, table.loader('u1')))?.version === 2, 10_000);
    await eventually('the reader no longer answers "not found"', async () => (await reader.getOrLoad(missing, table.loader('nobody'))) !== null, 10_000);
  });

  it('a loader error reaches every waiting caller and is not cached', async () => {
    const cache = makeCache({ keyPrefix: uniquePrefix() });
    await connected(cache);
    const key = cacheKey('tenant', 't1', 'user', 'u1');
    const gate = deferred<void>();
    let calls = 0;
    const failing = async (): Promise<UserSnapshot> => {
      calls += 1;
      await gate.promise;
      throw new Error('database down');
    };
    const reads = Array.from({ length: 5 }, () => cache.getOrLoad(key, failing));
    gate.resolve();
    for (const read of reads) await expect(read).rejects.toThrow('database down');
    expect(calls).toBe(1);
    expect(await cache.getOrLoad(key, async () => ({ ok: true }))).toEqual({ ok: true });
    expect(cache.stats().loadErrors).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Without Redis

describe('tiered cache without Redis', () => {
  it('works from memory and the loader alone', async () => {
    const cache = makeCache({ redisUrl: undefined });
    const table = new FakeTable();
    table.rows.set('u1', { id: 'u1', email: 'a@example.com', version: 1 });
    const key = cacheKey('tenant', 't1', 'user', 'u1');
    await Promise.all(Array.from({ length: 10 }, () => cache.getOrLoad(key, table.loader('u1'))));
    expect(table.reads).toBe(1);
    table.rows.set('u1', { id: 'u1', email: 'b@example.com', version: 2 });
    await cache.invalidate(key);
    expect(await cache.getOrLoad(key, table.loader('u1'))).toMatchObject({ version: 2 });
    expect(cache.stats()).toMatchObject({ l2: { enabled: false }, redis: { configured: false, breaker: 'disabled', subscriber: 'disabled' } });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Failures, on Redis servers of the test's own

describe('tiered cache when Redis fails', () => {
  let server: OwnRedis;

  beforeEach(async () => {
    server = new OwnRedis(await freePort());
    await server.start();
  });

  afterEach(async () => {
    server.resume();
    await server.kill();
  });

  it('Redis killed: reads and invalidations keep working without waiting, the breaker opens; Redis back: L1 cleared, L2 used again', async () => {
    // Timeouts longer than the test: any call that waited on a dead Redis would time the test out. The
    // cool-down too: the return to L2 must come from the reconnection itself.
    const options = {
      redisUrl: server.url,
      keyPrefix: uniquePrefix(),
      redis: { commandTimeoutMs: NEVER_MS, connectTimeoutMs: NEVER_MS, maxReconnectDelayMs: 100 },
      breaker: { coolDownMs: NEVER_MS },
    };
    const a = makeCache(options);
    const b = makeCache(options);
    await Promise.all([connected(a), connected(b)]);
    const table = new FakeTable();
    for (let i = 0; i < 30; i += 1) table.rows.set(`u${i}`, { id: `u${i}`, email: `${i}@example.com`, version: 1 });
    const key = (i: number) => cacheKey('tenant', 't1', 'user', `u${i}`);
    await a.getOrLoad(key(0), table.loader('u0'));
    await b.getOrLoad(key(0), table.loader('u0'));
    expect(table.reads).toBe(1);

    await server.kill();
    // Every call succeeds: from L1, or from the loader.
    expect(await a.getOrLoad(key(0), table.loader('u0'))).toMatchObject({ id: 'u0' });
    for (let i = 1; i < 20; i += 1) {
      expect(await a.getOrLoad(key(i), table.loader(`u${i}`))).toMatchObject({ id: `u${i}` });
      await a.invalidate(key(i));
    }
    table.rows.set('u0', { id: 'u0', email: 'changed@example.com', version: 2 });
    await a.invalidate(key(0));
    expect(await a.getOrLoad(key(0), table.loader('u0'))).toMatchObject({ version: 2 });
    await eventually('the breakers are open and the subscribers down', () =>
      [a, b].every((cache) => cache.stats().redis.breaker !== 'closed' && cache.stats().redis.subscriber === 'down'),
    );
    expect(a.stats().invalidations.pendingReplay).toBe(20);
    // With the breaker open, Redis is not even tried.
    const { redis: before, l2: l2Before } = a.stats();
    for (let i = 20; i < 25; i += 1) expect(await a.getOrLoad(key(i), table.loader(`u${i}`))).toMatchObject({ id: `u${i}` });
    expect(a.stats().redis.errors).toBe(before.errors);
    expect(a.stats().l2.skipped).toBe(l2Before.skipped + 5);
    const readsDuringOutage = table.reads;

    const clearsBefore = b.stats().l1.clears;
    await server.start(); // empty: it kept nothing
    await Promise.all([connected(a), connected(b)]);
    // The reconnected subscriber cleared L1: b had u0 v1 in memory, and now reads v2 (missing messages
    // while disconnected cannot leave it stale beyond the reconnect).
    expect(b.stats().l1.clears).toBeGreaterThan(clearsBefore);
    expect(b.stats().l1.size).toBe(0);
    expect(await b.getOrLoad(key(0), table.loader('u0'))).toMatchObject({ version: 2 });
    expect(a.stats().invalidations).toMatchObject({ pendingReplay: 0, replayed: 20 });
    // L2 is in use again: a value loaded by one replica is an L2 hit on the other.
    await a.getOrLoad(key(25), table.loader('u25'));
    const hitsBefore = b.stats().l2.hits;
    expect(await b.getOrLoad(key(25), table.loader('u25'))).toMatchObject({ id: 'u25' });
    expect(b.stats().l2.hits).toBe(hitsBefore + 1);
    expect(table.reads).toBe(readsDuringOutage + 2);
  });

  it('Redis hung (stopped): a read waits at most one command timeout, then the breaker is open and nothing waits', async () => {
    const cache = makeCache({ redisUrl: server.url, keyPrefix: uniquePrefix(), redis: { commandTimeoutMs: 200, maxReconnectDelayMs: 100 }, breaker: { coolDownMs: 100 } });
    await connected(cache);
    const table = new FakeTable();
    for (let i = 0; i < 10; i += 1) table.rows.set(`u${i}`, { id: `u${i}`, email: `${i}@example.com`, version: 1 });
    const key = (i: number) => cacheKey('tenant', 't1', 'user', `u${i}`);

    server.pause();
    expect(await cache.getOrLoad(key(0), table.loader('u0'))).toMatchObject({ id: 'u0' });
    expect(cache.stats().redis.breaker).not.toBe('closed');
    for (let i = 1; i < 10; i += 1) {
      expect(await cache.getOrLoad(key(i), table.loader(`u${i}`))).toMatchObject({ id: `u${i}` });
      await cache.invalidate(key(i));
    }
    expect(cache.stats().redis.errors).toBeGreaterThanOrEqual(1);

    server.resume();
    // Probes run on traffic after the cool-down; keep reading until one succeeds.
    await eventually('the breaker closes once Redis answers again', async () => {
      await cache.getOrLoad(key(0), table.loader('u0'));
      return cache.stats().redis.breaker === 'closed';
    });
    expect(cache.stats().invalidations.pendingReplay).toBe(0);
  });

  it('a replica cut off from Redis replays its invalidations when it is back, so the others drop their copies', async () => {
    const proxy = new CuttableProxy({ host: '127.0.0.1', port: server.port });
    await proxy.start();
    try {
      const prefix = uniquePrefix();
      const redisOptions = { commandTimeoutMs: NEVER_MS, connectTimeoutMs: NEVER_MS, maxReconnectDelayMs: 100 };
      const writer = makeCache({ redisUrl: proxy.url, keyPrefix: prefix, redis: redisOptions });
      const other = makeCache({ redisUrl: server.url, keyPrefix: prefix, l1TtlSeconds: 3600, redis: redisOptions });
      await Promise.all([connected(writer), connected(other)]);
      const table = new FakeTable();
      table.rows.set('u1', { id: 'u1', email: 'old@example.com', version: 1 });
      const key = cacheKey('tenant', 't1', 'user', 'u1');
      await writer.getOrLoad(key, table.loader('u1'));
      await other.getOrLoad(key, table.loader('u1')); // in other's L1, and in L2

      proxy.cutOff();
      await eventually('the writer sees the partition', () => writer.stats().redis.breaker !== 'closed');
      table.rows.set('u1', { id: 'u1', email: 'new@example.com', version: 2 });
      await writer.invalidate(key); // cannot reach Redis: remembered
      expect(writer.stats().invalidations.pendingReplay).toBe(1);
      expect(await writer.getOrLoad(key, table.loader('u1'))).toMatchObject({ version: 2 });
      // Meanwhile the other replica still serves its copy (this is the staleness the replay bounds).
      expect(await other.getOrLoad(key, table.loader('u1'))).toMatchObject({ version: 1 });

      proxy.restore();
      await connected(writer);
      expect(writer.stats().invalidations).toMatchObject({ pendingReplay: 0, replayed: 1 });
      await eventually('the other replica reads the new version', async () => (await other.getOrLoad(key, table.loader('u1')))?.version === 2);
    } finally {
      await proxy.stop();
    }
  });

  it('starts without Redis and begins using it when it appears', async () => {
    await server.kill();
    const cache = makeCache({ redisUrl: server.url, keyPrefix: uniquePrefix(), redis: { commandTimeoutMs: NEVER_MS, connectTimeoutMs: NEVER_MS, maxReconnectDelayMs: 100 } });
    const table = new FakeTable();
    table.rows.set('u1', { id: 'u1', email: 'a@example.com', version: 1 });
    const key = cacheKey('tenant', 't1', 'user', 'u1');
    expect(await cache.getOrLoad(key, table.loader('u1'))).toMatchObject({ id: 'u1' });
    await cache.invalidate(key);
    expect(cache.stats().redis.breaker).toBe('open');

    await server.start();
    await connected(cache);
    expect(await cache.getOrLoad(cacheKey('tenant', 't1', 'user', 'u2'), async () => ({ id: 'u2' }))).toEqual({ id: 'u2' });
    expect(cache.stats().l2).toMatchObject({ stores: 1 });
  });
});
