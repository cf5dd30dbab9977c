import { BenchContext } from '../support/context';
import { assertMostlyOk, cpuPerCallUs, GrpcRun, measureGrpc } from '../support/measure';
import { RunningServer } from '../support/servers';

/**
 * Scenario 1, the baseline: the bare grpc-js server (bench/baseline-server.ts, pinned like the service)
 * answering GetMe with a constant message, loaded exactly like the service's GetMe: the same request, the
 * same headers (a real token and x-tenant-id, which the baseline ignores), 64 calls in flight.
 */
export const GETME_PATH = '/userservice.v1.UserService/GetMe';
export const IN_FLIGHT = 64;
export const SESSIONS = 2;

export interface ThroughputRun {
  callsPerSecond: number;
  cpuPerCallUs: number;
  p50Ms: number;
  p99Ms: number;
  serverUtilisation: number;
  clientUtilisation: number;
  peakRssMiB: number;
  machineBusyCores: number;
}

export function summariseThroughput(run: GrpcRun, stream: string): ThroughputRun {
  const s = run.streams[stream];
  return {
    callsPerSecond: s.callsPerSecond,
    cpuPerCallUs: cpuPerCallUs(run, stream),
    p50Ms: s.latency.p50Ms,
    p99Ms: s.latency.p99Ms,
    serverUtilisation: run.server.utilisation,
    clientUtilisation: run.clientUtilisation,
    peakRssMiB: run.server.peakRssMiB,
    machineBusyCores: run.machineBusyCores,
  };
}

/** GetMe at 64 in flight over 2 HTTP/2 connections against `server`. */
export async function measureGetMe(ctx: BenchContext, server: RunningServer, headers: Record<string, string>): Promise<ThroughputRun> {
  const run = await measureGrpc(server, {
    sessions: SESSIONS,
    warmupMs: ctx.options.warmupMs,
    durationMs: ctx.options.windowMs,
    streams: [{ name: 'GetMe', concurrency: IN_FLIGHT, source: { kind: 'list', path: GETME_PATH, items: [{ headers, body: '' }] } }],
  });
  assertMostlyOk(run, 'GetMe');
  return summariseThroughput(run, 'GetMe');
}

export async function measureBaseline(ctx: BenchContext, baseline: RunningServer, headers: Record<string, string>): Promise<ThroughputRun> {
  return measureGetMe(ctx, baseline, headers);
}
