import { readFileSync } from 'node:fs';
import { LoadConfig, LoadResult, StreamResult, StreamSpec } from './loadgen';
import { LOAD_CORE } from './proc';
import { RunningServer } from './servers';
import { runWindowed } from './windowed';

/** One measured window of gRPC load against a server: what the client saw and what the server spent. */
export interface GrpcRun {
  streams: Record<string, StreamResult>;
  windowSeconds: number;
  /** The load generator's CPU per wall second (near 1.0 means the client, not the server, was the limit). */
  clientUtilisation: number;
  server: { cpuSeconds: number; utilisation: number; peakRssMiB: number; hwmMiB: number };
  /** Busy cores of the whole machine over the window (every process, ours and others'). */
  machineBusyCores: number;
  monotonicUs: [number, number];
}

/** Measured windows per server name, so a CPU profile of that server can be cut to them. */
export const windowsByServer = new Map<string, Array<{ label: string; monotonicUs: [number, number]; calls: number }>>();

/** Per measured window: busy cores of everything but the server and the load generator (the noise, plus PostgreSQL/Redis where used). */
export const otherLoad: Array<{ server: string; label: string; otherCores: number }> = [];

export async function measureGrpc(server: RunningServer, load: { sessions: number; warmupMs: number; durationMs: number; streams: StreamSpec[] }): Promise<GrpcRun> {
  const config: LoadConfig = { target: server.address, ...load };
  const run = await runWindowed<LoadResult>('loadgen', config, { core: LOAD_CORE, watch: { server: server.pid }, timeoutMs: load.warmupMs + load.durationMs + 60_000 });
  const windows = windowsByServer.get(server.name) ?? [];
  windows.push({ label: load.streams.map((s) => s.name).join('+'), monotonicUs: run.monotonicUs, calls: run.result.streams.reduce((a, s) => a + s.completed, 0) });
  windowsByServer.set(server.name, windows);
  otherLoad.push({ server: server.name, label: load.streams.map((s) => s.name).join('+'), otherCores: run.machineBusyCores - run.processes.server.utilisation - run.result.clientUtilisation });
  const hwm = Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  return {
    streams: Object.fromEntries(run.result.streams.map((s) => [s.name, s])),
    windowSeconds: run.result.windowSeconds,
    clientUtilisation: run.result.clientUtilisation,
    server: { ...run.processes.server, hwmMiB: hwm },
    machineBusyCores: run.machineBusyCores,
    monotonicUs: run.monotonicUs,
  };
}

/** Server CPU microseconds per completed call of a stream. */
export function cpuPerCallUs(run: GrpcRun, stream: string): number {
  return (run.server.cpuSeconds / run.streams[stream].completed) * 1e6;
}

/** Refuses a run whose calls mostly failed (a bad token would otherwise look like a fast server). */
export function assertMostlyOk(run: GrpcRun, stream: string, minOkFraction = 0.999): void {
  const s = run.streams[stream];
  if (s.completed === 0 || s.ok / s.completed < minOkFraction) {
    throw new Error(`${stream}: only ${s.ok} of ${s.completed} calls succeeded (errors by code: ${JSON.stringify(s.errors)})`);
  }
}
