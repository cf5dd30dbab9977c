import { BenchContext } from '../support/context';
import { figure } from '../support/report';
import { measureBaseline, measureGetMe, ThroughputRun } from './baseline';

/**
 * Scenarios 1 and 2: the bare baseline and GetMe with a valid token served from the cache (tenant and
 * user both in the in-process tier after the warm-up), alternated run by run so drift from other load on
 * the machine hits both alike. Targets: server CPU per call ≤ 1.3x the baseline's, throughput ≥ 0.75x.
 */
export async function runGetMeCached(ctx: BenchContext): Promise<{ baseline: ThroughputRun[]; service: ThroughputRun[] }> {
  const main = await ctx.mainService();
  const baselineServer = await ctx.baselineServer();
  const baseline: ThroughputRun[] = [];
  const service: ThroughputRun[] = [];
  for (let run = 1; run <= ctx.options.runs; run++) {
    ctx.log(`GetMe run ${run}: baseline server`);
    baseline.push(await measureBaseline(ctx, baselineServer, main.getMeHeaders));
    ctx.log(`GetMe run ${run}: service (cached)`);
    service.push(await measureGetMe(ctx, main.server, main.getMeHeaders));
  }
  ctx.details.getme = { baseline, service };

  const s1 = '1 Baseline (bare grpc-js)';
  const pick = (runs: ThroughputRun[], key: keyof ThroughputRun) => runs.map((r) => r[key]);
  ctx.figures.push(
    figure({ scenario: s1, metric: 'calls/s (64 in flight)', unit: 'calls/s', runs: pick(baseline, 'callsPerSecond') }),
    figure({ scenario: s1, metric: 'server CPU per call', unit: 'µs', runs: pick(baseline, 'cpuPerCallUs') }),
    figure({ scenario: s1, metric: 'p50 latency', unit: 'ms', runs: pick(baseline, 'p50Ms') }),
    figure({ scenario: s1, metric: 'p99 latency', unit: 'ms', runs: pick(baseline, 'p99Ms') }),
    figure({ scenario: s1, metric: 'server peak RSS', unit: 'MiB', runs: pick(baseline, 'peakRssMiB') }),
    figure({ scenario: s1, metric: 'server core busy', unit: '', runs: pick(baseline, 'serverUtilisation'), note: 'CPU s per wall s of the pinned core' }),
    figure({ scenario: s1, metric: 'load generator core busy', unit: '', runs: pick(baseline, 'clientUtilisation') }),
  );
  const s2 = '2 GetMe (cache hit)';
  const b = (key: keyof ThroughputRun) => ({ label: 'baseline', runs: pick(baseline, key) });
  ctx.figures.push(
    figure({ scenario: s2, metric: 'server CPU per call', unit: 'µs', runs: pick(service, 'cpuPerCallUs'), baseline: b('cpuPerCallUs'), target: { on: 'ratio', op: '<=', limit: 1.3 } }),
    figure({ scenario: s2, metric: 'calls/s (64 in flight)', unit: 'calls/s', runs: pick(service, 'callsPerSecond'), baseline: b('callsPerSecond'), target: { on: 'ratio', op: '>=', limit: 0.75 } }),
    figure({ scenario: s2, metric: 'p50 latency', unit: 'ms', runs: pick(service, 'p50Ms'), baseline: b('p50Ms') }),
    figure({ scenario: s2, metric: 'p99 latency', unit: 'ms', runs: pick(service, 'p99Ms'), baseline: b('p99Ms') }),
    figure({ scenario: s2, metric: 'server peak RSS', unit: 'MiB', runs: pick(service, 'peakRssMiB'), baseline: b('peakRssMiB') }),
    figure({ scenario: s2, metric: 'server core busy', unit: '', runs: pick(service, 'serverUtilisation'), baseline: b('serverUtilisation') }),
    figure({ scenario: s2, metric: 'machine busy cores (all processes)', unit: '', runs: pick(service, 'machineBusyCores'), baseline: b('machineBusyCores'), note: 'of 2; server + load generator ≈ 2 when nothing else runs' }),
  );
  return { baseline, service };
}
