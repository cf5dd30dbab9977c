import path from 'node:path';
import { ProcessWindow, spawnTracked, stopChild } from './proc';

/**
 * A measured window inside a child process (load generator, raw pg loop, raw argon2 loop): the child
 * warms up, announces `window-start`, works for the window, announces `window-end`, then reports its
 * result. The parent reads /proc of the processes it watches (the server under test, or the child
 * itself) exactly at those two announcements.
 */

type Message = { type: 'window-start' } | { type: 'window-end' } | { type: 'result'; result: unknown } | { type: 'error'; message: string };

export interface ProcessFigures {
  cpuSeconds: number;
  /** CPU seconds per wall second over the window (1.0 = one core fully busy). */
  utilisation: number;
  peakRssMiB: number;
}

export interface WindowedRun<R> {
  result: R;
  wallSeconds: number;
  /** Busy cores of the whole machine over the window (all processes): the noise indicator. */
  machineBusyCores: number;
  /** The window on CLOCK_MONOTONIC (µs), to cut it out of a CPU profile. */
  monotonicUs: [number, number];
  processes: Record<string, ProcessFigures>;
}

/** Runs `dist/bench/support/<script>.js` pinned to `core` and measures `watch` (label → pid, or 'self') over its window. */
export async function runWindowed<R>(script: string, config: unknown, options: { core?: number; watch: Record<string, number | 'self'>; timeoutMs?: number }): Promise<WindowedRun<R>> {
  const child = spawnTracked(process.execPath, [path.join(__dirname, `${script}.js`)], {
    core: options.core,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const labels = Object.keys(options.watch);
  const pids = labels.map((label) => (options.watch[label] === 'self' ? child.pid! : (options.watch[label] as number)));
  const window = new ProcessWindow(pids);
  let measured: ReturnType<ProcessWindow['end']> | undefined;
  try {
    const result = await new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script}: no result within ${options.timeoutMs ?? 120_000} ms`)), options.timeoutMs ?? 120_000);
      child.on('message', (message: Message) => {
        if (message.type === 'window-start') window.begin();
        else if (message.type === 'window-end') measured = window.end();
        else if (message.type === 'result') {
          clearTimeout(timer);
          resolve(message.result as R);
        } else if (message.type === 'error') {
          clearTimeout(timer);
          reject(new Error(`${script}: ${message.message}`));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited (${code ?? signal}) before reporting`));
      });
      child.send(config as object);
    });
    if (!measured) throw new Error(`${script} reported without a measured window`);
    const processes: Record<string, ProcessFigures> = {};
    labels.forEach((label, i) => {
      const figures = measured!.byPid.get(pids[i])!;
      processes[label] = { cpuSeconds: figures.cpuSeconds, utilisation: figures.cpuSeconds / measured!.wallSeconds, peakRssMiB: figures.peakRssMiB };
    });
    return { result, wallSeconds: measured.wallSeconds, machineBusyCores: measured.machineBusyCores, monotonicUs: measured.monotonicUs, processes };
  } finally {
    await stopChild(child, 'SIGTERM', 5_000);
  }
}

/** Child side: receives the config, runs, and reports; `window.start()`/`window.end()` frame the measurement. */
export function childMain<C, R>(run: (config: C, window: { start(): void; end(): void }) => Promise<R>): void {
  process.once('message', (config: C) => {
    const window = {
      start: () => process.send!({ type: 'window-start' }),
      end: () => process.send!({ type: 'window-end' }),
    };
    run(config, window).then(
      (result) => process.send!({ type: 'result', result }, () => process.exit(0)),
      (error: unknown) => process.send!({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
    );
  });
  process.on('SIGTERM', () => process.exit(0));
}

/**
 * Inside a child: runs `concurrency` copies of `step` back to back through the warm-up, then the measured
 * window (announced through `window`), then stops them; resolves with the window's length in seconds.
 * `step` receives `inWindow()`, to ask after its work whether that work counts.
 */
export async function closedLoop(
  config: { concurrency: number; warmupMs: number; durationMs: number },
  window: { start(): void; end(): void },
  step: (inWindow: () => boolean) => Promise<void>,
): Promise<number> {
  let phase = 'warmup' as 'warmup' | 'window' | 'done';
  const inWindow = () => phase === 'window';
  const worker = async () => {
    while (phase !== 'done') await step(inWindow);
  };
  const workers = Array.from({ length: config.concurrency }, worker);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await sleep(config.warmupMs);
  phase = 'window';
  const startedAt = performance.now();
  window.start();
  await sleep(config.durationMs);
  window.end();
  phase = 'done';
  const windowSeconds = (performance.now() - startedAt) / 1000;
  await Promise.all(workers);
  return windowSeconds;
}
