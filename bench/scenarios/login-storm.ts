import os from 'node:os';
import { LoginRequest } from '../../src/gen/proto/userservice/v1/auth_service';
import { Argon2LoopConfig, Argon2LoopResult } from '../support/argon2-loop';
import { ARGON2, BenchContext } from '../support/context';
import { assertMostlyOk, GrpcRun, measureGrpc } from '../support/measure';
import { scrapeMetrics } from '../support/metrics';
import { CAN_PIN, SERVER_CORE, threadCpuSeconds } from '../support/proc';
import { figure, mean } from '../support/report';
import { runWindowed } from '../support/windowed';
import { GETME_PATH, SESSIONS } from './baseline';

/**
 * Scenario 4: a login storm (16 logins in flight over 16 users of one tenant) while GetMe runs at a
 * fixed rate, against (a) raw @node-rs/argon2 verifies with the same parameters in a child pinned to the
 * server's core, at the service's hashing concurrency on that core, and (b) the same GetMe rate without
 * the storm. Targets: logins/s ≥ 0.9x raw verifies/s; GetMe p99 under the storm ≤ 2x its p99 without.
 */
const LOGIN_PATH = '/userservice.v1.AuthService/Login';
const LOGINS_IN_FLIGHT = 16;
const GETME_RATE = 500;

export async function runLoginStorm(ctx: BenchContext): Promise<void> {
  const main = await ctx.mainService();
  // The service's PASSWORD_HASH_CONCURRENCY default: availableParallelism − 1 (at least 1) of its own affinity.
  const hashConcurrency = CAN_PIN ? 1 : Math.max(1, os.availableParallelism() - 1);
  const raw: Argon2LoopResult[] = [];
  const rawCpuMsPerVerify: number[] = [];
  for (let run = 1; run <= ctx.options.runs; run++) {
    ctx.log(`login run ${run}: raw argon2id verify (m=${ARGON2.memoryKib}, t=${ARGON2.iterations}, p=${ARGON2.parallelism}, ${hashConcurrency} at once, core ${SERVER_CORE})`);
    const config: Argon2LoopConfig = { ...ARGON2, concurrency: hashConcurrency, warmupMs: 1_000, durationMs: ctx.options.windowMs };
    const r = await runWindowedArgon2(config);
    raw.push(r.result);
    rawCpuMsPerVerify.push((r.processes.loop.cpuSeconds * 1000) / r.result.verifies);
  }

  const getMe = { name: 'GetMe', ratePerSecond: GETME_RATE, source: { kind: 'list' as const, path: GETME_PATH, items: [{ headers: main.getMeHeaders, body: '' }] } };
  const logins = {
    name: 'Login',
    concurrency: LOGINS_IN_FLIGHT,
    source: {
      kind: 'list' as const,
      path: LOGIN_PATH,
      items: main.loginUsers.map((u) => ({ headers: { 'x-tenant-id': main.tenant.slug }, body: Buffer.from(LoginRequest.encode(LoginRequest.fromPartial(u)).finish()).toString('base64') })),
    },
  };
  const quiet: GrpcRun[] = [];
  const storm: GrpcRun[] = [];
  const hashingShare: number[] = [];
  // The event loop's share of the server's CPU (the rest: V8's helpers and libuv's pool), quiet and in the storm.
  const quietMainShare: number[] = [];
  const stormMainShare: number[] = [];
  // The service's own event-loop delay (prom-client's monitorEventLoopDelay: the intervals of a 10 ms timer), over
  // warm-up and window: what the server's loop adds to a call's wait, apart from the load generator's side.
  const quietLoop: Array<{ p99Ms: number; maxMs: number }> = [];
  const stormLoop: Array<{ p99Ms: number; maxMs: number }> = [];
  for (let run = 1; run <= ctx.options.runs; run++) {
    ctx.log(`login run ${run}: GetMe at ${GETME_RATE}/s alone`);
    await scrapeMetrics(main.metricsPort); // each scrape restarts the service's event-loop delay histogram
    const quietBefore = threadCpuSeconds(main.server.pid);
    const q = await measureGrpc(main.server, { sessions: SESSIONS, warmupMs: ctx.options.warmupMs, durationMs: ctx.options.windowMs, streams: [getMe] });
    quietLoop.push(loopDelay(await scrapeMetrics(main.metricsPort)));
    const quietAfter = threadCpuSeconds(main.server.pid);
    quietMainShare.push((quietAfter.main - quietBefore.main) / (quietAfter.rest - quietBefore.rest));
    assertMostlyOk(q, 'GetMe');
    quiet.push(q);
    ctx.log(`login run ${run}: GetMe at ${GETME_RATE}/s during a storm of ${LOGINS_IN_FLIGHT} logins in flight`);
    const threadsBefore = threadCpuSeconds(main.server.pid);
    await scrapeMetrics(main.metricsPort);
    const s = await measureGrpc(main.server, { sessions: SESSIONS, warmupMs: ctx.options.warmupMs, durationMs: ctx.options.windowMs, streams: [getMe, logins] });
    stormLoop.push(loopDelay(await scrapeMetrics(main.metricsPort)));
    const threadsAfter = threadCpuSeconds(main.server.pid);
    assertMostlyOk(s, 'GetMe');
    storm.push(s);
    // The hashing workers' share of the server's CPU over warm-up, window and drain (they run at nice 19).
    const niced = threadsAfter.niced - threadsBefore.niced;
    hashingShare.push(niced / (niced + threadsAfter.rest - threadsBefore.rest));
    stormMainShare.push((threadsAfter.main - threadsBefore.main) / (niced + threadsAfter.rest - threadsBefore.rest));
  }
  ctx.details.login = { hashConcurrency, raw, rawCpuMsPerVerify, quiet, storm, hashingShare, quietMainShare, stormMainShare, quietLoop, stormLoop };
  // Per login, in ms: a part of the server's CPU (`stormShare` of the storm window's), less that part's share
  // (`getMeShare`) of the GetMe calls at their no-storm cost.
  const getMeMs = quietCpuPerGetMeMs(quiet);
  const quietMain = mean(quietMainShare);
  const perLogin = (r: GrpcRun, stormShare: number, getMeShare: number) =>
    (r.server.cpuSeconds * 1000 * stormShare - r.streams.GetMe.completed * getMeMs * getMeShare) / r.streams.Login.completed;

  const sc = '4 Login storm';
  ctx.figures.push(
    figure({
      scenario: sc,
      metric: `logins/s (${LOGINS_IN_FLIGHT} in flight)`,
      unit: '/s',
      runs: storm.map((r) => r.streams.Login.okPerSecond),
      baseline: { label: `raw argon2 verify ×${hashConcurrency}`, runs: raw.map((r) => r.perSecond) },
      target: { on: 'ratio', op: '>=', limit: 0.9 },
    }),
    figure({
      scenario: sc,
      metric: '  ceiling: hashing in what GetMe leaves',
      unit: '/s',
      runs: raw.map((r, i) => r.perSecond * (1 - quiet[i].server.utilisation)),
      baseline: { label: `raw argon2 verify ×${hashConcurrency}`, runs: raw.map((r) => r.perSecond) },
      note: "the most a sign-in that cost nothing but its hash could reach: the raw verifies/s times the core's share the GetMe load leaves (1 − its no-storm core busy), since both share the server's one core",
    }),
    figure({
      scenario: sc,
      metric: `GetMe p99 at ${GETME_RATE}/s`,
      unit: 'ms',
      runs: storm.map((r) => r.streams.GetMe.latency.p99Ms),
      baseline: { label: 'same, no storm', runs: quiet.map((r) => r.streams.GetMe.latency.p99Ms) },
      target: { on: 'ratio', op: '<=', limit: 2 },
    }),
    figure({
      scenario: sc,
      metric: 'service event-loop delay p99',
      unit: 'ms',
      runs: stormLoop.map((l) => l.p99Ms),
      baseline: { label: 'same, no storm', runs: quietLoop.map((l) => l.p99Ms) },
      note: "the service's own nodejs_eventloop_lag_p99_seconds over warm-up and window: the interval of a timer set to 10 ms, so 10 ms is no delay; the GetMe p99 above also holds the load generator's side",
    }),
    figure({ scenario: sc, metric: 'service event-loop delay max', unit: 'ms', runs: stormLoop.map((l) => l.maxMs), baseline: { label: 'same, no storm', runs: quietLoop.map((l) => l.maxMs) } }),
    figure({ scenario: sc, metric: `GetMe p50 at ${GETME_RATE}/s`, unit: 'ms', runs: storm.map((r) => r.streams.GetMe.latency.p50Ms), baseline: { label: 'same, no storm', runs: quiet.map((r) => r.streams.GetMe.latency.p50Ms) } }),
    figure({ scenario: sc, metric: 'login p50 latency', unit: 'ms', runs: storm.map((r) => r.streams.Login.latency.p50Ms), baseline: { label: 'raw ms per verify', runs: raw.map((r) => r.msPerVerify) } }),
    figure({ scenario: sc, metric: 'login p99 latency', unit: 'ms', runs: storm.map((r) => r.streams.Login.latency.p99Ms) }),
    figure({
      scenario: sc,
      metric: 'server CPU per login',
      unit: 'ms',
      runs: storm.map((r) => perLogin(r, 1, 1)),
      baseline: { label: 'raw CPU per verify', runs: rawCpuMsPerVerify },
      target: { on: 'ratio', op: '<=', limit: 1 / 0.9, text: 'ratio <= 1.11x (CPU form of ≥ 0.9x)' },
      note: 'storm CPU minus the GetMe calls at their no-storm cost; immune to CPU stolen by other processes',
    }),
    figure({
      scenario: sc,
      metric: '  of which hashing workers',
      unit: 'ms',
      runs: storm.map((r, i) => perLogin(r, hashingShare[i], 0)),
      baseline: { label: 'raw CPU per verify', runs: rawCpuMsPerVerify },
      note: 'the argon2 threads (nice 19) alone: their share of the server CPU times the storm CPU, per login',
    }),
    figure({
      scenario: sc,
      metric: '  of which the rest',
      unit: 'ms',
      runs: storm.map((r, i) => perLogin(r, 1 - hashingShare[i], 1)),
      note: 'event loop, GC and libuv threads per login, the GetMe calls taken out at their no-storm cost',
    }),
    figure({
      scenario: sc,
      metric: '    event loop (main thread)',
      unit: 'ms',
      runs: storm.map((r, i) => perLogin(r, stormMainShare[i], quietMain)),
      note: "the main thread's part of the rest: gRPC, the handlers, the database and Redis clients, Prisma; GetMe's part at its no-storm split",
    }),
    figure({
      scenario: sc,
      metric: '    other threads',
      unit: 'ms',
      runs: storm.map((r, i) => perLogin(r, 1 - hashingShare[i] - stormMainShare[i], 1 - quietMain)),
      note: "V8's helper threads (garbage collection) and libuv's pool (the access token's RS256 signature)",
    }),
    figure({ scenario: sc, metric: 'server core busy (storm)', unit: '', runs: storm.map((r) => r.server.utilisation), baseline: { label: 'no storm', runs: quiet.map((r) => r.server.utilisation) } }),
    figure({ scenario: sc, metric: 'server peak RSS (storm)', unit: 'MiB', runs: storm.map((r) => r.server.peakRssMiB), baseline: { label: 'no storm', runs: quiet.map((r) => r.server.peakRssMiB) } }),
  );
  const refused = storm.reduce((a, r) => a + (r.streams.Login.errors['8'] ?? 0), 0);
  const failed = storm.reduce((a, r) => a + r.streams.Login.completed - r.streams.Login.ok, 0);
  ctx.notes.push(`Login storm: hashing concurrency ${hashConcurrency} (service default on its core budget); ${failed} failed logins in the windows (${refused} RESOURCE_EXHAUSTED).`);
}

function loopDelay(metrics: Map<string, number>): { p99Ms: number; maxMs: number } {
  return { p99Ms: (metrics.get('nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000, maxMs: (metrics.get('nodejs_eventloop_lag_max_seconds') ?? NaN) * 1000 };
}

function quietCpuPerGetMeMs(quiet: GrpcRun[]): number {
  const cpu = quiet.reduce((a, r) => a + r.server.cpuSeconds, 0);
  const calls = quiet.reduce((a, r) => a + r.streams.GetMe.completed, 0);
  return (cpu * 1000) / calls;
}

function runWindowedArgon2(config: Argon2LoopConfig) {
  return runWindowed<Argon2LoopResult>('argon2-loop', config, { core: SERVER_CORE, watch: { loop: 'self' } });
}
