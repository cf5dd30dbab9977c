import { createHash } from 'node:crypto';
import http2 from 'node:http2';
import { Histogram, LatencySummary } from './histogram';
import { connectSession, grpcFrame, unaryCall, WireCall } from './grpc-wire';
import { childMain } from './windowed';

/**
 * The load generator (a child process, pinned to the load core). Streams of unary calls run at once:
 * closed-loop streams keep `concurrency` calls in flight; open-loop streams start calls at a fixed rate
 * and measure each from its scheduled start (so a stalled server is not hidden by a stalled client).
 */

export type RequestSource =
  /** Calls picked uniformly at random from a list (e.g. GetMe with one token per tenant). */
  | { kind: 'list'; path: string; items: Array<{ headers: Record<string, string>; body: string /* base64 message */ }> }
  /** GetUser for ids never asked before: uuid(md5(`${seed}:${i}`)) for i = start, start+1, ... */
  | { kind: 'getUser'; path: string; headers: Record<string, string>; seed: string; start: number; count: number };

export interface StreamSpec {
  name: string;
  concurrency?: number;
  ratePerSecond?: number;
  source: RequestSource;
}

export interface LoadConfig {
  target: string;
  sessions: number;
  warmupMs: number;
  durationMs: number;
  streams: StreamSpec[];
}

export interface StreamResult {
  name: string;
  /** Calls completed inside the window. */
  completed: number;
  ok: number;
  /** gRPC status code (or -1, transport) → calls, inside the window. */
  errors: Record<string, number>;
  callsPerSecond: number;
  okPerSecond: number;
  latency: LatencySummary;
  /** For getUser sources: the next index never used. */
  nextIndex?: number;
}

export interface LoadResult {
  windowSeconds: number;
  /** The load generator's own CPU over the window, per wall second (1.0 = its core is saturated). */
  clientUtilisation: number;
  streams: StreamResult[];
}

/** The id the benchmark inserts as user number `i` (same formula as the SQL in the GetUser scenario). */
export function seededUuid(seed: string, i: number): string {
  const hex = createHash('md5').update(`${seed}:${i}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function encodeGetUserRequest(id: string): Buffer {
  const bytes = Buffer.from(id, 'utf8');
  return Buffer.concat([Buffer.from([0x0a, bytes.length]), bytes]); // field 1 (user_id), length-delimited
}

function nextCallFactory(source: RequestSource): { next: () => WireCall; nextIndex?: () => number } {
  if (source.kind === 'list') {
    const calls = source.items.map((item) => ({ path: source.path, headers: item.headers, frame: grpcFrame(Buffer.from(item.body, 'base64')) }));
    if (calls.length === 1) return { next: () => calls[0] };
    return { next: () => calls[Math.floor(Math.random() * calls.length)] };
  }
  let index = source.start;
  const end = source.start + source.count;
  return {
    next: () => {
      if (index >= end) throw new Error(`getUser source exhausted at index ${index}: insert more users`);
      return { path: source.path, headers: source.headers, frame: grpcFrame(encodeGetUserRequest(seededUuid(source.seed, index++))) };
    },
    nextIndex: () => index,
  };
}

async function run(config: LoadConfig, window: { start(): void; end(): void }): Promise<LoadResult> {
  const sessions: http2.ClientHttp2Session[] = [];
  for (let i = 0; i < config.sessions; i++) sessions.push(await connectSession(config.target));
  let sessionTurn = 0;
  const session = () => sessions[sessionTurn++ % sessions.length];

  let phase = 'warmup' as 'warmup' | 'window' | 'drain';
  let windowStartedAt = 0;
  let windowEndedAt = 0;
  let inFlight = 0;
  const drained: Array<() => void> = [];

  const streams = config.streams.map((spec) => {
    const factory = nextCallFactory(spec.source);
    const state = { spec, factory, histogram: new Histogram(), completed: 0, ok: 0, errors: {} as Record<string, number> };
    return state;
  });
  type State = (typeof streams)[number];

  const issue = (state: State, scheduledAt: number): Promise<void> => {
    const call = state.factory.next();
    inFlight += 1;
    return unaryCall(session(), call).then(({ code }) => {
      inFlight -= 1;
      if (phase === 'window') {
        state.histogram.recordMs(performance.now() - scheduledAt);
        state.completed += 1;
        if (code === 0) state.ok += 1;
        else state.errors[code] = (state.errors[code] ?? 0) + 1;
      }
      if (inFlight === 0) drained.splice(0).forEach((resolve) => resolve());
    });
  };

  const loops: Array<Promise<void>> = [];
  const timers: NodeJS.Timeout[] = [];
  const t0 = performance.now();
  for (const state of streams) {
    if (state.spec.ratePerSecond) {
      const intervalMs = 1000 / state.spec.ratePerSecond;
      let issued = 0;
      timers.push(
        setInterval(() => {
          if (phase === 'drain') return;
          const due = Math.floor((performance.now() - t0) / intervalMs);
          while (issued < due && inFlight < 5_000) {
            void issue(state, t0 + issued * intervalMs);
            issued += 1;
          }
        }, 1),
      );
    } else {
      for (let slot = 0; slot < (state.spec.concurrency ?? 1); slot++) {
        loops.push(
          (async () => {
            while (phase !== 'drain') await issue(state, performance.now());
          })(),
        );
      }
    }
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await sleep(config.warmupMs);
  phase = 'window';
  windowStartedAt = performance.now();
  const cpuBefore = process.cpuUsage();
  window.start();
  await sleep(config.durationMs);
  window.end();
  phase = 'drain';
  windowEndedAt = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  timers.forEach(clearInterval);
  if (inFlight > 0) await Promise.race([new Promise<void>((resolve) => drained.push(resolve)), sleep(15_000)]);
  await Promise.race([Promise.all(loops), sleep(1_000)]);
  for (const s of sessions) s.close();

  const windowSeconds = (windowEndedAt - windowStartedAt) / 1000;
  return {
    windowSeconds,
    clientUtilisation: (cpu.user + cpu.system) / 1e6 / windowSeconds,
    streams: streams.map((s) => ({
      name: s.spec.name,
      completed: s.completed,
      ok: s.ok,
      errors: s.errors,
      callsPerSecond: s.completed / windowSeconds,
      okPerSecond: s.ok / windowSeconds,
      latency: s.histogram.summary(),
      nextIndex: s.factory.nextIndex?.(),
    })),
  };
}

if (require.main === module) childMain(run);
