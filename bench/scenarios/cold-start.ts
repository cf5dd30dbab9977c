import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BenchContext } from '../support/context';
import { figure, median } from '../support/report';
import { BASELINE_MAIN, childEnv, freePort, RunningServer, SERVICE_MAIN, startServer } from '../support/servers';

/**
 * Scenario 7: time from spawning `node dist/src/main.js` (what `npm start` runs after its build) to the
 * first grpc.health.v1 answer SERVING, polled every 10 ms over fresh HTTP/2 connections. Unpinned, as
 * `npm start` would run. Modes: DATABASE_URL (the main scenario's master database, already migrated)
 * and the embedded PostgreSQL default on an existing DATA_DIR (its first, initdb start is reported
 * apart). Baseline: the bare grpc-js server's own start to SERVING. Target: under 2 s.
 */
const STARTS = 3;

interface Start {
  readyMs: number;
  /** Milliseconds from spawn to log messages of interest (when logged). */
  phases: Record<string, number>;
}

const PHASES: Record<string, RegExp> = {
  firstLogLine: /./,
  embeddedStarted: /"msg":"embedded PostgreSQL started"/,
  masterMigrated: /"msg":"master database migrated"/,
  serving: /"msg":"user service serving"/,
};

function phasesOf(server: RunningServer): Record<string, number> {
  const phases: Record<string, number> = {};
  for (const [name, pattern] of Object.entries(PHASES)) {
    const line = server.lines.find((l) => pattern.test(l.text));
    if (line) phases[name] = Math.round(line.at - server.spawnedAt);
  }
  return phases;
}

async function timeStart(name: string, script: string, env: NodeJS.ProcessEnv, port: number): Promise<Start> {
  const server = await startServer({ name, script, env, port, pollMs: 10, readyTimeoutMs: 60_000 });
  const result = { readyMs: server.readyMs, phases: phasesOf(server) };
  await server.stop();
  return result;
}

export async function runColdStart(ctx: BenchContext): Promise<void> {
  const starts = Math.max(STARTS, ctx.options.runs);
  // The DATABASE_URL mode reuses the main service's master database: make sure it exists, then stop it.
  await ctx.mainService();
  const main = (await ctx.stopMainService())!;

  ctx.log(`cold start: bare grpc-js baseline ×${starts}`);
  const baseline: Start[] = [];
  for (let i = 0; i < starts; i++) {
    const port = await freePort();
    baseline.push(await timeStart('baseline-start', BASELINE_MAIN, childEnv({ GRPC_PORT: String(port) }), port));
  }

  ctx.log(`cold start: DATABASE_URL mode ×${starts} (master ${main.masterDatabase})`);
  const external: Start[] = [];
  for (let i = 0; i < starts; i++) {
    const port = await freePort();
    const env = { ...main.env, GRPC_PORT: String(port), METRICS_PORT: String(await freePort()), LOG_LEVEL: 'info' };
    external.push(await timeStart('cold-database-url', SERVICE_MAIN, env, port));
  }

  const dataDir = path.join(ctx.tmpDir, 'embedded', 'data');
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // As root the embedded server runs as the `postgres` user, which must traverse these folders.
  chmodSync(ctx.tmpDir, 0o755);
  chmodSync(path.dirname(dataDir), 0o755);
  const pgPort = await freePort();
  ctx.cleanups.push({ name: 'embedded PostgreSQL', run: async () => stopOrphanedPostgres(path.join(dataDir, 'postgres')) });
  const embeddedEnv = async () => {
    const port = await freePort();
    return {
      port,
      env: childEnv({
        DATA_DIR: dataDir,
        EMBEDDED_POSTGRES_PORT: String(pgPort),
        GRPC_HOST: '127.0.0.1',
        GRPC_PORT: String(port),
        METRICS_HOST: '127.0.0.1',
        METRICS_PORT: String(await freePort()),
        LOG_LEVEL: 'info',
        SHUTDOWN_GRACE_SECONDS: '5',
      }),
    };
  };
  ctx.log(`cold start: embedded PostgreSQL, fresh DATA_DIR (initdb), port ${pgPort}`);
  const first = await embeddedEnv();
  const fresh = await timeStart('cold-embedded-fresh', SERVICE_MAIN, first.env, first.port);
  ctx.log(`cold start: embedded PostgreSQL, existing DATA_DIR ×${starts}`);
  const embedded: Start[] = [];
  for (let i = 0; i < starts; i++) {
    const { env, port } = await embeddedEnv();
    embedded.push(await timeStart('cold-embedded', SERVICE_MAIN, env, port));
  }
  ctx.details.coldStart = { baseline, external, fresh, embedded };

  const sc = '7 Cold start to SERVING';
  const ready = (xs: Start[]) => xs.map((s) => s.readyMs);
  const base = { label: 'bare grpc-js start', runs: [median(ready(baseline))] };
  ctx.figures.push(
    figure({ scenario: sc, metric: `DATABASE_URL, median of ${starts}`, unit: 'ms', runs: [median(ready(external))], baseline: base, target: { on: 'value', op: '<', limit: 2000 } }),
    figure({ scenario: sc, metric: `DATABASE_URL, worst of ${starts}`, unit: 'ms', runs: [Math.max(...ready(external))], target: { on: 'value', op: '<', limit: 2000 } }),
    figure({ scenario: sc, metric: `embedded, existing DATA_DIR, median of ${starts}`, unit: 'ms', runs: [median(ready(embedded))], baseline: base, target: { on: 'value', op: '<', limit: 2000 } }),
    figure({ scenario: sc, metric: `embedded, existing DATA_DIR, worst of ${starts}`, unit: 'ms', runs: [Math.max(...ready(embedded))], target: { on: 'value', op: '<', limit: 2000 } }),
    figure({ scenario: sc, metric: 'embedded, fresh DATA_DIR (initdb)', unit: 'ms', runs: [fresh.readyMs], note: 'no target: first start only' }),
  );
  const phaseText = (label: string, xs: Start[]) =>
    `${label}: ${Object.keys(PHASES)
      .filter((p) => xs.every((s) => s.phases[p] !== undefined))
      .map((p) => `${p} ${Math.round(median(xs.map((s) => s.phases[p])))} ms`)
      .join(', ')}, SERVING ${Math.round(median(ready(xs)))} ms`;
  ctx.notes.push(`Cold start phases (median, from spawn): ${phaseText('DATABASE_URL', external)}; ${phaseText('embedded', embedded)}; ${phaseText('fresh embedded', [fresh])}.`);
}

/** If the service died without stopping its embedded PostgreSQL, stop that server (its pid is in postmaster.pid). */
function stopOrphanedPostgres(databaseDir: string): void {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    // already gone
  }
}
