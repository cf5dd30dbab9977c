import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Summaries of V8 .cpuprofile files written by `node --cpu-prof`: self time by function and by origin
 * (package, node internals, the service's own folders), cut to the measured windows. Samples carry
 * CLOCK_MONOTONIC microseconds, the clock the benchmark stamps its windows with.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  label: string;
  /** Calls completed in the windows (0 for a whole-process summary). */
  calls: number;
  /** Sampled time in the windows, and the part of it the thread was busy (not idle). */
  sampledMs: number;
  busyMs: number;
  /** Self time of the busiest functions, in percent of busy time. */
  topFunctions: Array<{ name: string; where: string; selfMs: number; pct: number; usPerCall?: number }>;
  /** Self time by origin, in percent of busy time. */
  byOrigin: Array<{ origin: string; selfMs: number; pct: number; usPerCall?: number }>;
}

function origin(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return 'node internals';
  if (url.startsWith('wasm://')) return 'wasm (Prisma query compiler)';
  const gen = /\/dist\/src\/gen\/([^/]+)/.exec(url);
  if (gen) return `src/gen/${gen[1]}`;
  const own = /\/dist\/(src\/[^/]+(?:\/[^/]+)?)/.exec(url);
  if (own) return own[1];
  return url;
}

export function summariseProfile(file: string, label: string, windows: Array<[number, number]> | undefined, calls = 0, top = Number(process.env.BENCH_PROFILE_TOP ?? 25)): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let totalUs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (windows && !windows.some(([from, to]) => at >= from && at <= to)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
    totalUs += delta;
  });
  const functions = new Map<string, { name: string; where: string; us: number }>();
  const origins = new Map<string, number>();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const name = frame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idleUs += us;
      continue;
    }
    const where = frame.url ? `${frame.url.replace(/^file:\/\//, '').replace(/.*\/(node_modules|dist)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = functions.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    const o = origin(frame.url, name);
    origins.set(o, (origins.get(o) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const pct = (us: number) => Math.round((1000 * us) / busyUs) / 10;
  const ms = (us: number) => Math.round(us / 100) / 10;
  const perCall = (us: number) => (calls ? Math.round((10 * us) / calls) / 10 : undefined);
  return {
    label,
    calls,
    sampledMs: ms(totalUs),
    busyMs: ms(busyUs),
    topFunctions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: ms(f.us), pct: pct(f.us), usPerCall: perCall(f.us) })),
    byOrigin: [...origins.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([o, us]) => ({ origin: o, selfMs: ms(us), pct: pct(us), usPerCall: perCall(us) })),
  };
}

/** One summary per window label (runs with the same label merged), or of the whole profile without windows. */
export function summariseProfilesIn(dir: string, windows: Array<{ label: string; monotonicUs: [number, number]; calls: number }>): ProfileSummary[] {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    return [];
  }
  const byLabel = new Map<string, { ranges: Array<[number, number]>; calls: number }>();
  for (const w of windows) {
    const entry = byLabel.get(w.label) ?? { ranges: [], calls: 0 };
    entry.ranges.push(w.monotonicUs);
    entry.calls += w.calls;
    byLabel.set(w.label, entry);
  }
  return files.flatMap((f) =>
    byLabel.size === 0
      ? [summariseProfile(path.join(dir, f), 'whole process', undefined)]
      : [...byLabel].map(([label, { ranges, calls }]) => summariseProfile(path.join(dir, f), label, ranges, calls)),
  );
}
