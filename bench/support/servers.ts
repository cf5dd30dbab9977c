import { ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { healthStatus } from './grpc-wire';
import { isRunning, spawnTracked, stopChild } from './proc';

/** Repository root (dist/bench/support → ../../..), where `dist/src/main.js` lives. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVICE_MAIN = path.join(ROOT, 'dist', 'src', 'main.js');
export const BASELINE_MAIN = path.join(ROOT, 'dist', 'bench', 'baseline-server.js');

/**
 * The service runs here as `npm start` and the Docker image (hence the Helm chart) run it: with this node
 * flag and this glibc setting (package.json "start", Dockerfile ENV and CMD; test/deploy/deploy-files.test.ts
 * checks that all three agree). README "Resident memory" says why.
 */
export const SERVICE_NODE_ARGS = ['--max-old-space-size=512'];
export const SERVICE_RUNTIME_ENV = { MALLOC_MMAP_THRESHOLD_: '1048576' };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The environment of a child server: only what a shell would carry plus what we set, so a DATABASE_URL
 * (or any other service variable) in the caller's environment cannot leak into a scenario.
 */
export function childEnv(values: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR']) if (process.env[key] !== undefined) env[key] = process.env[key];
  for (const [key, value] of Object.entries(values)) if (value !== undefined) env[key] = value;
  return env;
}

export interface LogLine {
  /** performance.now() when the line reached us. */
  at: number;
  text: string;
}

export interface RunningServer {
  name: string;
  child: ChildProcess;
  pid: number;
  address: string;
  /** Milliseconds from spawn to the first health answer SERVING. */
  readyMs: number;
  spawnedAt: number;
  lines: LogLine[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  name: string;
  script: string;
  env: NodeJS.ProcessEnv;
  port: number;
  core?: number;
  nodeArgs?: string[];
  readyTimeoutMs?: number;
  /** Health polling period (ms). */
  pollMs?: number;
}

/** Every server started in this run, for a failed scenario's report. */
export const startedServers: RunningServer[] = [];

/** Error lines (pino level ≥ 50, or anything not JSON) that servers logged since `sinceMs` (performance.now()). */
export function serverErrorsSince(sinceMs: number, limit = 4): string[] {
  const out: string[] = [];
  for (const server of startedServers) {
    const errors = server.lines.filter((l) => l.at >= sinceMs && !/^\{"level":[1-4]\d,/.test(l.text));
    for (const line of errors.slice(-limit)) out.push(`${server.name}: ${line.text.slice(0, 1500)}`);
  }
  return out;
}

/** Spawns a gRPC server and waits until grpc.health.v1 answers SERVING. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const spawnedAt = performance.now();
  const service = options.script === SERVICE_MAIN;
  const child = spawnTracked(process.execPath, [...(service ? SERVICE_NODE_ARGS : []), ...(options.nodeArgs ?? []), options.script], {
    core: options.core,
    cwd: ROOT,
    env: service ? { ...SERVICE_RUNTIME_ENV, ...options.env } : options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const collect = (chunk: Buffer) => {
    const at = performance.now();
    for (const text of chunk.toString('utf8').split('\n')) if (text.trim()) lines.push({ at, text });
    if (lines.length > 2_000) lines.splice(0, lines.length - 2_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const address = `127.0.0.1:${options.port}`;
  const deadline = spawnedAt + (options.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (!isRunning(child)) {
      throw new Error(`${options.name} exited (${child.exitCode ?? child.signalCode}) before serving:\n${lines.slice(-15).map((l) => l.text).join('\n')}`);
    }
    if ((await healthStatus(address, 500)) === 'SERVING') break;
    if (performance.now() > deadline) {
      await stopChild(child, 'SIGKILL');
      throw new Error(`${options.name} not SERVING after ${options.readyTimeoutMs ?? 90_000} ms:\n${lines.slice(-15).map((l) => l.text).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 10));
  }
  const readyMs = performance.now() - spawnedAt;
  const running: RunningServer = {
    name: options.name,
    child,
    pid: child.pid!,
    address,
    readyMs,
    spawnedAt,
    lines,
    stop: (signal = 'SIGTERM') => stopChild(child, signal, 20_000),
  };
  startedServers.push(running);
  return running;
}
