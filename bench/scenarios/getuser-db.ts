import { BenchContext, TENANT_POOL_SIZE } from '../support/context';
import { assertMostlyOk, cpuPerCallUs, measureGrpc } from '../support/measure';
import { delta, scrapeMetrics } from '../support/metrics';
import { databaseUrl, query, SHARED_SERVER_URL } from '../support/postgres';
import { PgLoopConfig, PgLoopResult } from '../support/pg-loop';
import { SERVER_CORE } from '../support/proc';
import { figure } from '../support/report';
import { runWindowed } from '../support/windowed';
import { IN_FLIGHT, SESSIONS } from './baseline';

/**
 * Scenario 3: GetUser for ids never read before, so every call misses the in-process tier and Redis and
 * reads PostgreSQL (a prepared statement on the tenant's pool, then stores in both tiers), beside the same
 * row read with raw `pg` in a child pinned to the server's core, on a pool of TENANT_POOL_SIZE (3)
 * connections with the same 64 reads in flight. Users are inserted with SQL: uuid(md5('<seed>:i')) for i < N.
 * Target: GetUser throughput ≥ 0.6x the raw pg loop's.
 * A third figure puts the target in proportion: the bare grpc-js baseline answering GetUser from the same
 * pool size with no checks and no cache (baseline-server.ts), i.e. what gRPC plus one read cost at least.
 */
const GETUSER_PATH = '/userservice.v1.UserService/GetUser';

export async function runGetUserDatabase(ctx: BenchContext): Promise<void> {
  const main = await ctx.mainService();
  const seed = `bench-${ctx.runId}`;
  const users = Math.max(300_000, 150_000 * ctx.options.runs);
  ctx.log(`inserting ${users.toLocaleString()} users into ${main.tenant.databaseName}`);
  const insertStarted = performance.now();
  await query(
    SHARED_SERVER_URL,
    `INSERT INTO users (id, email, email_normalized, name, password_hash, role, status, created_at, updated_at)
     SELECT md5($1 || ':' || i)::uuid, 'bulk' || i || '@bench.test', 'bulk' || i || '@bench.test', 'Bulk user ' || i,
            '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0$placeholderplaceholderplaceholderplaceh', 'MEMBER', 'ACTIVE', now(), now()
       FROM generate_series(0, $2::int - 1) AS i`,
    [seed, users],
    main.tenant.databaseName,
  );
  await query(SHARED_SERVER_URL, 'ANALYZE users', [], main.tenant.databaseName);
  const insertSeconds = (performance.now() - insertStarted) / 1000;

  // The service reads ids from index 0 upwards (never twice); the raw loop cycles over the upper half.
  let serviceIndex = 0;
  const raw: PgLoopResult[] = [];
  const raws: Array<{ cpuPerQueryUs: number; utilisation: number }> = [];
  const bare: Array<{ callsPerSecond: number; cpuPerCallUs: number; p50Ms: number; p99Ms: number }> = [];
  const baselineServer = await ctx.baselineServer();
  const service: Array<{ callsPerSecond: number; cpuPerCallUs: number; p50Ms: number; p99Ms: number; serverUtilisation: number; clientUtilisation: number; peakRssMiB: number; misses: Record<string, number> }> = [];
  for (let run = 1; run <= ctx.options.runs; run++) {
    ctx.log(`GetUser run ${run}: raw pg loop (pool ${TENANT_POOL_SIZE}, ${IN_FLIGHT} in flight, pinned to core ${SERVER_CORE})`);
    const config: PgLoopConfig = {
      url: databaseUrl(SHARED_SERVER_URL, main.tenant.databaseName),
      poolSize: TENANT_POOL_SIZE,
      concurrency: IN_FLIGHT,
      warmupMs: ctx.options.warmupMs,
      durationMs: ctx.options.windowMs,
      seed,
      start: Math.floor(users / 2),
      count: users - Math.floor(users / 2),
    };
    const pgRun = await runWindowed<PgLoopResult>('pg-loop', config, { core: SERVER_CORE, watch: { loop: 'self' } });
    if (pgRun.result.missing > 0) throw new Error(`raw pg loop: ${pgRun.result.missing} ids not found`);
    raw.push(pgRun.result);
    raws.push({ cpuPerQueryUs: (pgRun.processes.loop.cpuSeconds / pgRun.result.completed) * 1e6, utilisation: pgRun.processes.loop.utilisation });

    ctx.log(`GetUser run ${run}: bare grpc-js answering GetUser from pg (pool ${TENANT_POOL_SIZE})`);
    const bareRun = await measureGrpc(baselineServer, {
      sessions: SESSIONS,
      warmupMs: ctx.options.warmupMs,
      durationMs: ctx.options.windowMs,
      // The upper half from its start in every run, as the raw loop reads it (PostgreSQL has no result cache,
      // so a repeated read costs what a first one does): the service's ids, the lower half, stay first reads.
      streams: [{ name: 'GetUser', concurrency: IN_FLIGHT, source: { kind: 'getUser', path: GETUSER_PATH, headers: main.getMeHeaders, seed, start: Math.floor(users / 2), count: users - Math.floor(users / 2) } }],
    });
    assertMostlyOk(bareRun, 'GetUser');
    bare.push({ callsPerSecond: bareRun.streams.GetUser.callsPerSecond, cpuPerCallUs: cpuPerCallUs(bareRun, 'GetUser'), p50Ms: bareRun.streams.GetUser.latency.p50Ms, p99Ms: bareRun.streams.GetUser.latency.p99Ms });

    ctx.log(`GetUser run ${run}: service, ids never read before (from #${serviceIndex})`);
    const before = await scrapeMetrics(main.metricsPort);
    const grpcRun = await measureGrpc(main.server, {
      sessions: SESSIONS,
      warmupMs: ctx.options.warmupMs,
      durationMs: ctx.options.windowMs,
      streams: [{ name: 'GetUser', concurrency: IN_FLIGHT, source: { kind: 'getUser', path: GETUSER_PATH, headers: main.getMeHeaders, seed, start: serviceIndex, count: Math.floor(users / 2) - serviceIndex } }],
    });
    const after = await scrapeMetrics(main.metricsPort);
    assertMostlyOk(grpcRun, 'GetUser');
    const s = grpcRun.streams.GetUser;
    serviceIndex = s.nextIndex!;
    service.push({
      callsPerSecond: s.callsPerSecond,
      cpuPerCallUs: cpuPerCallUs(grpcRun, 'GetUser'),
      p50Ms: s.latency.p50Ms,
      p99Ms: s.latency.p99Ms,
      serverUtilisation: grpcRun.server.utilisation,
      clientUtilisation: grpcRun.clientUtilisation,
      peakRssMiB: grpcRun.server.peakRssMiB,
      // Over warm-up + window: L2 misses should equal the GetUser calls (each a first read).
      misses: delta(before, after, ['userservice_cache_misses_total{tier="l1"}', 'userservice_cache_misses_total{tier="l2"}', 'userservice_cache_hits_total{tier="l2"}']),
    });
  }
  ctx.details.getuser = { users, insertSeconds, raw, raws, bare, service };

  const sc = '3 GetUser (both tiers missed)';
  const base = (runs: number[]) => ({ label: 'raw pg', runs });
  ctx.figures.push(
    figure({ scenario: sc, metric: 'calls/s (64 in flight)', unit: 'calls/s', runs: service.map((r) => r.callsPerSecond), baseline: base(raw.map((r) => r.perSecond)), target: { on: 'ratio', op: '>=', limit: 0.6 } }),
    figure({ scenario: sc, metric: 'CPU per call (server core)', unit: 'µs', runs: service.map((r) => r.cpuPerCallUs), baseline: base(raws.map((r) => r.cpuPerQueryUs)), note: 'baseline: CPU of the raw pg process per query' }),
    figure({ scenario: sc, metric: 'calls/s vs bare grpc-js + pg', unit: 'calls/s', runs: service.map((r) => r.callsPerSecond), baseline: { label: 'bare grpc-js + pg', runs: bare.map((r) => r.callsPerSecond) }, note: 'bare grpc-js + pg: no token check, no cache, no logging; its ratio to raw pg is the ceiling of any gRPC service here' }),
    figure({ scenario: sc, metric: 'bare grpc-js + pg calls/s', unit: 'calls/s', runs: bare.map((r) => r.callsPerSecond), baseline: base(raw.map((r) => r.perSecond)) }),
    figure({ scenario: sc, metric: 'CPU per call vs bare grpc-js + pg', unit: 'µs', runs: service.map((r) => r.cpuPerCallUs), baseline: { label: 'bare grpc-js + pg', runs: bare.map((r) => r.cpuPerCallUs) } }),
    figure({ scenario: sc, metric: 'p50 latency', unit: 'ms', runs: service.map((r) => r.p50Ms), baseline: base(raw.map((r) => r.latency.p50Ms)) }),
    figure({ scenario: sc, metric: 'p99 latency', unit: 'ms', runs: service.map((r) => r.p99Ms), baseline: base(raw.map((r) => r.latency.p99Ms)) }),
    figure({ scenario: sc, metric: 'server core busy', unit: '', runs: service.map((r) => r.serverUtilisation), baseline: base(raws.map((r) => r.utilisation)) }),
    figure({ scenario: sc, metric: 'server peak RSS', unit: 'MiB', runs: service.map((r) => r.peakRssMiB) }),
  );
  const l2Misses = service.reduce((a, r) => a + r.misses['userservice_cache_misses_total{tier="l2"}'], 0);
  const l2Hits = service.reduce((a, r) => a + r.misses['userservice_cache_hits_total{tier="l2"}'], 0);
  ctx.notes.push(`GetUser: ${users.toLocaleString()} users inserted by SQL in ${insertSeconds.toFixed(1)} s; ${serviceIndex.toLocaleString()} distinct ids read through the service; Redis (L2) misses ${l2Misses.toLocaleString()}, L2 hits ${l2Hits} (every read a first read).`);
}
