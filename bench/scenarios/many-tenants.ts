import { mkdirSync, rmSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { boundedAll, headerObject, metadata } from '../support/api';
import { BenchContext } from '../support/context';
import { assertMostlyOk, measureGrpc } from '../support/measure';
import { delta, scrapeMetrics } from '../support/metrics';
import { ConnectionCounts } from '../support/postgres';
import { ADMIN_POOL, BUDGET, CLIENT_CAP, MASTER_POOL, PrivateService, startPrivateService, TENANT_POOL, tenantSlug } from '../support/private-service';
import { figure, median, percentile } from '../support/report';
import { GETME_PATH, IN_FLIGHT, SESSIONS, summariseThroughput, ThroughputRun } from './baseline';

/**
 * Scenario 6: 1,000 tenants, GetMe spread uniformly across them (one user and token per tenant), with
 * TENANT_CLIENT_CACHE_SIZE=100, TENANT_POOL_SIZE=3, MASTER_POOL_SIZE=10, on the private PostgreSQL server
 * (see support/private-service.ts) whose files live in /dev/shm when it has room: 1,000 tenant databases
 * are 8 GB, which this VM's disk takes about 100 s to write and 150 s to delete, beyond the time budget
 * (scenario 5 measures CreateTenant on disk). PostgreSQL connections are sampled every 100 ms from a separate
 * connection; they must stay under the budget 100 × 3 + 10 + 2 (admin pool) = 312.
 * First without Redis: every 5 s the in-process entries expire and GetMe reloads tenant and user from
 * PostgreSQL, churning the client LRU (the worst case for connections); then with Redis (production:
 * reloads come from Redis).
 */
const TENANTS = 1_000;
const CREATE_CONCURRENCY = 4;

interface ManyRun extends ThroughputRun {
  connections: ConnectionCounts;
  evictionsPerSecond: number;
  /** Cache and pool counters over warm-up + window (from the service's /metrics). */
  counters: Record<string, number>;
}

const COUNTERS = [
  'userservice_cache_hits_total{tier="l1"}',
  'userservice_cache_misses_total{tier="l1"}',
  'userservice_cache_hits_total{tier="l2"}',
  'userservice_cache_misses_total{tier="l2"}',
  'userservice_cache_redis_errors_total',
  'userservice_tenant_client_evictions_total',
];

/** /dev/shm when it has room for 1,000 tenant databases and some to spare, else the temporary folder on disk. */
function dataDir(ctx: BenchContext): string {
  try {
    const shm = statfsSync('/dev/shm');
    if (shm.bavail * shm.bsize > 14 * 2 ** 30) {
      const dir = path.join('/dev/shm', `user-service-bench-${ctx.runId}`);
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      return path.join(dir, 'pg');
    }
  } catch {
    // no /dev/shm
  }
  ctx.notes.push('Many tenants: /dev/shm lacks 14 GiB free, so the private PostgreSQL ran on disk (slow setup and clean-up).');
  return path.join(ctx.tmpDir, 'pg-many');
}

export async function runManyTenants(ctx: BenchContext): Promise<void> {
  const dir = dataDir(ctx);
  ctx.cleanups.push({ name: 'private PostgreSQL files', run: async () => rmSync(path.dirname(dir).startsWith('/dev/shm') ? path.dirname(dir) : dir, { recursive: true, force: true }) });
  const service = await startPrivateService(ctx, 'many', dir);
  try {
    await measureMany(ctx, service, dir.startsWith('/dev/shm'));
  } finally {
    await service.dispose();
  }
}

async function measureMany(ctx: BenchContext, service: PrivateService, inMemory: boolean): Promise<void> {
  const already = service.tenants.length;
  ctx.log(`many tenants: creating tenants ${already}..${TENANTS - 1} through the API (${CREATE_CONCURRENCY} at once${inMemory ? ', files in memory' : ''}), each with one user inserted by SQL`);
  service.sampler.reset();
  const setupStarted = performance.now();
  const createMs: number[] = [];
  const created = await boundedAll(TENANTS - already, CREATE_CONCURRENCY, async (n) => {
    const slug = tenantSlug(service, already + n);
    const t0 = performance.now();
    const { tenant } = await service.api.tenants.createTenant({ tenant: Tenant.fromPartial({ slug, displayName: slug }) }, metadata({ token: service.superToken }));
    createMs.push(performance.now() - t0);
    const token = await service.addUserDirectly(slug, tenant!.id);
    if ((n + 1) % 200 === 0) ctx.log(`many tenants: ${already + n + 1} created`);
    return { slug, token };
  });
  service.tenants.push(...created);
  const setupSeconds = (performance.now() - setupStarted) / 1000;
  const setupPeak = { ...service.sampler.peak };
  if (ctx.pendingDeletions.length) {
    ctx.log('many tenants: waiting for the background deletion of the previous scenario\'s files');
    await Promise.all(ctx.pendingDeletions.splice(0));
  }

  const items = service.tenants.map(({ slug, token }) => ({ headers: headerObject({ token, tenant: slug }), body: '' }));
  const measure = async (label: string): Promise<ManyRun[]> => {
    const runs: ManyRun[] = [];
    for (let run = 1; run <= ctx.options.runs; run++) {
      ctx.log(`many tenants (${label}) run ${run}: GetMe uniform over ${items.length} tenants, ${IN_FLIGHT} in flight`);
      const before = await scrapeMetrics(service.metricsPort);
      service.sampler.reset();
      const r = await measureGrpc(service.server, {
        sessions: SESSIONS,
        warmupMs: ctx.options.warmupMs,
        durationMs: Math.max(ctx.options.windowMs, 10_000), // two expiries of the 5 s in-process TTL
        streams: [{ name: 'GetMe', concurrency: IN_FLIGHT, source: { kind: 'list', path: GETME_PATH, items } }],
      });
      const connections = { ...service.sampler.peak };
      const after = await scrapeMetrics(service.metricsPort);
      assertMostlyOk(r, 'GetMe');
      const counters = delta(before, after, COUNTERS);
      counters['userservice_cache_redis_breaker_open (after)'] = after.get('userservice_cache_redis_breaker_open') ?? NaN;
      const evictions = counters['userservice_tenant_client_evictions_total'];
      runs.push({ ...summariseThroughput(r, 'GetMe'), connections, evictionsPerSecond: evictions / (ctx.options.warmupMs / 1000 + r.windowSeconds), counters });
      ctx.log(`many tenants (${label}) run ${run}: ${Math.round(r.streams.GetMe.callsPerSecond)} calls/s; counters ${JSON.stringify(counters)}`);
    }
    return runs;
  };

  const noRedis = await measure('no Redis');
  ctx.log('many tenants: restarting the service with Redis, then one GetMe per tenant to fill Redis');
  await service.restart(true);
  const primeStarted = performance.now();
  await boundedAll(service.tenants.length, 16, async (i) => {
    const { slug, token } = service.tenants[i];
    await service.api.users.getMe({}, metadata({ token, tenant: slug }));
  });
  const primeSeconds = (performance.now() - primeStarted) / 1000;
  const withRedis = await measure('Redis');
  ctx.details.manyTenants = { tenants: items.length, budget: BUDGET, inMemory, setupSeconds, createMs, setupPeak, noRedis, primeSeconds, withRedis };

  const getme = ctx.details.getme as { baseline: ThroughputRun[] } | undefined;
  const baseline = (key: keyof ThroughputRun) => (getme ? { label: 'bare baseline (scenario 1)', runs: getme.baseline.map((r) => r[key] as number) } : undefined);
  for (const [label, runs] of [
    ['no Redis', noRedis],
    ['Redis', withRedis],
  ] as const) {
    const sc = `6 Many tenants (${label})`;
    const pick = (key: keyof ThroughputRun) => runs.map((r) => r[key] as number);
    ctx.figures.push(
      figure({ scenario: sc, metric: `GetMe calls/s (${items.length} tenants)`, unit: 'calls/s', runs: pick('callsPerSecond'), baseline: baseline('callsPerSecond') }),
      figure({ scenario: sc, metric: 'server CPU per call', unit: 'µs', runs: pick('cpuPerCallUs'), baseline: baseline('cpuPerCallUs') }),
      figure({ scenario: sc, metric: 'p50 latency', unit: 'ms', runs: pick('p50Ms'), baseline: baseline('p50Ms') }),
      figure({ scenario: sc, metric: 'p99 latency', unit: 'ms', runs: pick('p99Ms'), baseline: baseline('p99Ms') }),
      figure({
        scenario: sc,
        metric: 'peak PostgreSQL connections',
        unit: 'conns',
        runs: runs.map((r) => r.connections.total),
        baseline: { label: `budget ${CLIENT_CAP}×${TENANT_POOL}+${MASTER_POOL}+${ADMIN_POOL}`, runs: runs.map(() => BUDGET) },
        target: { on: 'value', op: '<', limit: BUDGET, text: `< ${BUDGET} (budget)` },
      }),
      figure({ scenario: sc, metric: 'server peak RSS', unit: 'MiB', runs: pick('peakRssMiB'), baseline: baseline('peakRssMiB') }),
      figure({ scenario: sc, metric: 'tenant client evictions', unit: '/s', runs: runs.map((r) => r.evictionsPerSecond) }),
    );
  }
  const sc = '6 Many tenants (setup)';
  ctx.figures.push(
    figure({ scenario: sc, metric: `create ${TENANTS - already} tenants (API, ${CREATE_CONCURRENCY} at once${inMemory ? ', tmpfs' : ''}) + 1 user each (SQL)`, unit: 's', runs: [setupSeconds] }),
    figure({ scenario: sc, metric: `CreateTenant p50 (${CREATE_CONCURRENCY} at once${inMemory ? ', tmpfs' : ''})`, unit: 'ms', runs: [median(createMs)] }),
    figure({ scenario: sc, metric: `CreateTenant p99 (${CREATE_CONCURRENCY} at once${inMemory ? ', tmpfs' : ''})`, unit: 'ms', runs: [percentile(createMs, 0.99)] }),
    figure({ scenario: sc, metric: 'peak PostgreSQL connections during setup', unit: 'conns', runs: [setupPeak.total], target: { on: 'value', op: '<', limit: BUDGET, text: `< ${BUDGET} (budget)` } }),
  );
  const worst = (runs: ManyRun[], key: keyof ConnectionCounts) => Math.max(...runs.map((r) => r.connections[key]));
  ctx.notes.push(
    `Many tenants: peak connections by database, no Redis: master ${worst(noRedis, 'master')}, tenants ${worst(noRedis, 'tenants')}, maintenance ${worst(noRedis, 'maintenance')}; with Redis: master ${worst(withRedis, 'master')}, tenants ${worst(withRedis, 'tenants')}, maintenance ${worst(withRedis, 'maintenance')}.`,
  );
}
