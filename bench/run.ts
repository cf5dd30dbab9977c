import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runColdStart } from './scenarios/cold-start';
import { runCreateTenant } from './scenarios/create-tenant';
import { runGetMeCached } from './scenarios/getme-cached';
import { runGetUserDatabase } from './scenarios/getuser-db';
import { runLoginStorm } from './scenarios/login-storm';
import { runManyTenants } from './scenarios/many-tenants';
import { runVerifyToken } from './scenarios/verify-token';
import { runPasswordReset } from './scenarios/password-reset';
import { BenchContext, BenchOptions, REDIS_URL } from './support/context';
import { dropRunDatabases, query, SHARED_SERVER_URL } from './support/postgres';
import { CAN_PIN, killAllChildrenNow, stopAllChildren } from './support/proc';
import { otherLoad } from './support/measure';
import { median, table } from './support/report';
import { ROOT, SERVICE_MAIN, serverErrorsSince } from './support/servers';

/**
 * `npm run bench`: starts what each scenario needs (the service pinned to core 0, the load generator to
 * core 1), runs the scenarios, prints one table and writes bench/results.json, every figure beside a
 * baseline measured in the same run. Everything it creates (databases, processes, files) is removed at
 * the end, also on Ctrl-C.
 *
 *   --only=getme,getuser,login,password-reset,create-tenant,many-tenants,cold-start,verify-token   (default: all)
 *   --runs=2 --warmup=2 --window=8      (seconds)
 *   --profile                           run the service under node --cpu-prof and list the top functions
 *   --keep-tmp                          keep the temporary folder (profiles, data dirs)
 */

const SCENARIOS: Array<{ id: string; title: string; run: (ctx: BenchContext) => Promise<unknown> }> = [
  { id: 'getme', title: '1+2 baseline and GetMe from the cache', run: runGetMeCached },
  { id: 'getuser', title: '3 GetUser missing both cache tiers vs raw pg', run: runGetUserDatabase },
  { id: 'login', title: '4 login storm vs raw argon2id', run: runLoginStorm },
  { id: 'password-reset', title: '8 RequestPasswordReset known vs unknown email', run: runPasswordReset },
  { id: 'cold-start', title: '7 cold start', run: runColdStart },
  { id: 'create-tenant', title: '5 CreateTenant (private PostgreSQL)', run: runCreateTenant },
  { id: 'many-tenants', title: '6 many tenants (private PostgreSQL)', run: runManyTenants },
  { id: 'verify-token', title: '8 verifyAccessToken (client kit) vs jsonwebtoken + jwks-rsa', run: runVerifyToken },
];

function parseOptions(argv: string[]): BenchOptions {
  const get = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const only = get('only');
  const options: BenchOptions = {
    only: only ? new Set(only.split(',')) : undefined,
    runs: Number(get('runs') ?? 2),
    warmupMs: Number(get('warmup') ?? 2) * 1000,
    windowMs: Number(get('window') ?? 8) * 1000,
    profile: argv.includes('--profile'),
    keepTmp: argv.includes('--keep-tmp'),
  };
  for (const id of options.only ?? []) if (!SCENARIOS.some((s) => s.id === id)) throw new Error(`unknown scenario '${id}' (known: ${SCENARIOS.map((s) => s.id).join(', ')})`);
  return options;
}

function redisPing(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port || 6379), hostname, () => socket.write('PING\r\n'));
    socket.setTimeout(2_000, () => socket.destroy(new Error('timeout')));
    socket.once('data', (data) => {
      socket.end();
      if (data.toString().startsWith('+PONG')) resolve();
      else reject(new Error(data.toString().trim()));
    });
    socket.once('error', reject);
  });
}

async function preflight(ctx: BenchContext): Promise<{ loadAverageAtStart: number[] } & Record<string, unknown>> {
  if (!existsSync(SERVICE_MAIN)) throw new Error(`${SERVICE_MAIN} is missing: run \`tsc -p bench/tsconfig.json\` (npm run bench does)`);
  const pgVersion = (await query<{ v: string }>(SHARED_SERVER_URL, 'SELECT current_setting(\'server_version\') AS v').catch((e: Error) => {
    throw new Error(`PostgreSQL at ${SHARED_SERVER_URL} is not reachable (${e.message}); start it (see /work/shared/GUIDE.md or .ci/run)`);
  })).rows[0].v;
  const maxConnections = Number((await query<{ max_connections: string }>(SHARED_SERVER_URL, 'SHOW max_connections')).rows[0].max_connections);
  if (ctx.wants('getme') || ctx.wants('getuser') || ctx.wants('login') || ctx.wants('password-reset') || ctx.wants('many-tenants')) {
    await redisPing(REDIS_URL).catch((e: Error) => {
      throw new Error(`Redis at ${REDIS_URL} is not reachable (${e.message})`);
    });
  }
  if (!CAN_PIN) ctx.notes.push('WARNING: fewer than 2 cores or no taskset: processes are NOT pinned; CPU-per-call figures stay valid, throughput ratios less so.');
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (execFileSync('git', ['status', '--porcelain', '--', 'src', 'prisma', 'proto'], { cwd: ROOT, encoding: 'utf8' }).trim()) commit += ' (+ uncommitted changes in src/prisma/proto)';
  } catch {
    // not a git checkout
  }
  return {
    loadAverageAtStart: os.loadavg(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: pgVersion,
    sharedServerMaxConnections: maxConnections,
    pinned: CAN_PIN,
    commit,
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const ctx = new BenchContext(options);
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      ctx.log('cleaning up: stopping processes and dropping databases');
      for (const step of ctx.cleanups.reverse()) await step.run().catch((e: Error) => ctx.log(`cleanup ${step.name} failed: ${e.message}`));
      await Promise.all(ctx.pendingDeletions);
      await stopAllChildren().catch(() => undefined);
      const dropped = await dropRunDatabases(SHARED_SERVER_URL, ctx.runId).catch((e: Error) => {
        ctx.log(`dropping databases failed: ${e.message}`);
        return [];
      });
      ctx.log(`dropped ${dropped.length} databases of run ${ctx.runId}`);
      ctx.removeTmp();
    })());
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      killAllChildrenNow();
      process.exit(130);
    }
    interrupted = true;
    ctx.log(`${signal}: stopping (press Ctrl-C again to kill at once)`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', killAllChildrenNow);

  const startedAt = new Date();
  const t0 = performance.now();
  const machine = await preflight(ctx).catch((error: unknown) => {
    ctx.removeTmp();
    throw error;
  });
  ctx.log(`run ${ctx.runId}: ${options.runs} runs of ${options.warmupMs / 1000}s warm-up + ${options.windowMs / 1000}s window; pinned=${CAN_PIN}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const errors: Record<string, string> = {};
  try {
    for (const scenario of SCENARIOS) {
      if (!ctx.wants(scenario.id)) continue;
      if (scenario.id === 'cold-start' || scenario.id === 'create-tenant' || scenario.id === 'many-tenants') {
        // They start their own servers; the main service and the baseline would only add noise.
        await ctx.stopBaselineServer();
        if (scenario.id !== 'cold-start') await ctx.stopMainService();
      }
      ctx.log(`=== ${scenario.title}`);
      const started = performance.now();
      try {
        await scenario.run(ctx);
      } catch (error) {
        if (interrupted) return;
        errors[scenario.id] = error instanceof Error ? (error.stack ?? error.message) : String(error);
        ctx.log(`scenario ${scenario.id} FAILED: ${errors[scenario.id]}`);
        const logged = serverErrorsSince(started);
        if (logged.length) ctx.log(`errors the servers logged during the scenario:\n${logged.join('\n')}`);
      }
      ctx.log(`=== ${scenario.id} took ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    await ctx.stopBaselineServer();
    await ctx.stopMainService();
  } finally {
    if (!interrupted) await cleanup();
  }
  if (interrupted) return;

  if (otherLoad.length) {
    const quiet = otherLoad.filter((w) => w.server === 'baseline' || w.label === 'GetMe').map((w) => w.otherCores);
    const all = otherLoad.map((w) => w.otherCores);
    ctx.notes.push(
      `Noise: busy cores of all other processes during the measured windows (machine busy − server − load generator; 2 cores in all): GetMe/baseline windows, where nothing else of ours runs, median ${median(quiet).toFixed(2)}, max ${Math.max(...quiet).toFixed(2)}; all windows (PostgreSQL and Redis included where used) median ${median(all).toFixed(2)}, max ${Math.max(...all).toFixed(2)}. Load average at start ${machine.loadAverageAtStart.map((l: number) => l.toFixed(1)).join(' ')}, at end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}.`,
    );
  }
  const results = {
    runId: ctx.runId,
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((performance.now() - t0) / 1000),
    options: { ...options, only: options.only ? [...options.only] : undefined },
    machine: { ...machine, loadAverageAtEnd: os.loadavg() },
    figures: ctx.figures,
    notes: ctx.notes,
    errors,
    details: ctx.details,
    profiles: ctx.profiles,
  };
  const file = path.join(ROOT, 'bench', 'results.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${table(ctx.figures)}\n\n`);
  for (const note of ctx.notes) process.stdout.write(`- ${note}\n`);
  for (const [id, error] of Object.entries(errors)) process.stdout.write(`- scenario ${id} failed: ${error.split('\n')[0]}\n`);
  if (options.profile) {
    for (const [name, summaries] of Object.entries(ctx.profiles)) {
      for (const s of summaries) {
        process.stdout.write(`\nCPU profile of ${name}, windows '${s.label}': ${(s.busyMs / 1000).toFixed(1)} s busy of ${(s.sampledMs / 1000).toFixed(1)} s sampled; self time by origin (% of busy)\n`);
        const perCall = (us?: number) => (us === undefined ? '' : `${us.toFixed(1).padStart(7)} µs/call`);
        for (const o of s.byOrigin.slice(0, 14)) process.stdout.write(`  ${o.pct.toFixed(1).padStart(5)}% ${perCall(o.usPerCall)}  ${o.origin}\n`);
        process.stdout.write('  top functions (self time)\n');
        for (const f of s.topFunctions.slice(0, 20)) process.stdout.write(`  ${f.pct.toFixed(1).padStart(5)}% ${perCall(f.usPerCall)}  ${f.name}  ${f.where}\n`);
      }
    }
  }
  process.stdout.write(`\nwrote ${path.relative(process.cwd(), file)} (run ${ctx.runId}, ${results.durationSeconds} s)\n`);
  process.exit(Object.keys(errors).length ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
