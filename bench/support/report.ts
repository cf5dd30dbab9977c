/** Figures (each beside its same-run baseline), verdicts, the printed table and results.json. */

export interface Figure {
  scenario: string;
  metric: string;
  unit: string;
  /** One value per measured run. */
  runs: number[];
  value: number;
  /** (max − min) / mean across runs, in percent; undefined with a single run. */
  spreadPct?: number;
  baseline?: { label: string; runs: number[]; value: number };
  /** value / baseline (mean of the per-run ratios when both have the same number of runs). */
  ratio?: number;
  target?: string;
  met?: boolean;
  note?: string;
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const spread = (xs: number[]) => (xs.length > 1 ? (mean(xs) === 0 ? 0 : ((Math.max(...xs) - Math.min(...xs)) / Math.abs(mean(xs))) * 100) : undefined);

export function percentile(xs: number[], fraction: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(fraction * s.length) - 1))];
}

export interface FigureInput {
  scenario: string;
  metric: string;
  unit: string;
  runs: number[];
  baseline?: { label: string; runs: number[] };
  /** How the target is checked: the ratio (value / baseline) or the value itself, at most or at least `limit`. */
  target?: { on: 'ratio' | 'value'; op: '<=' | '>=' | '<'; limit: number; text?: string };
  note?: string;
}

export function figure(input: FigureInput): Figure {
  const value = mean(input.runs);
  const f: Figure = { scenario: input.scenario, metric: input.metric, unit: input.unit, runs: input.runs, value, spreadPct: spread(input.runs), note: input.note };
  if (input.baseline) {
    const b = input.baseline;
    f.baseline = { label: b.label, runs: b.runs, value: mean(b.runs) };
    f.ratio = b.runs.length === input.runs.length ? mean(input.runs.map((v, i) => v / b.runs[i])) : value / f.baseline.value;
  }
  if (input.target) {
    const t = input.target;
    const subject = t.on === 'ratio' ? f.ratio : value;
    f.target = t.text ?? `${t.on === 'ratio' ? 'ratio' : ''} ${t.op} ${t.limit}${t.on === 'ratio' ? 'x' : ` ${input.unit}`}`.trim();
    if (subject !== undefined && Number.isFinite(subject)) f.met = t.op === '<=' ? subject <= t.limit : t.op === '<' ? subject < t.limit : subject >= t.limit;
  }
  return f;
}

export function fmt(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '–';
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export function table(figures: Figure[]): string {
  const header = ['Scenario', 'Metric', 'Value', 'Runs', 'Spread', 'Baseline (same run)', 'Ratio', 'Target', 'Verdict'];
  const rows = figures.map((f) => [
    f.scenario,
    f.metric,
    `${fmt(f.value)} ${f.unit}`,
    f.runs.map(fmt).join(' / '),
    f.spreadPct === undefined ? '' : `${f.spreadPct.toFixed(1)}%`,
    f.baseline ? `${f.baseline.label}: ${fmt(f.baseline.value)} ${f.unit}` : '',
    f.ratio === undefined ? '' : `${f.ratio.toFixed(2)}x`,
    f.target ?? '',
    f.met === undefined ? '' : f.met ? 'MET' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  let lastScenario = '';
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('-|-')];
  for (const r of rows) {
    out.push(line(r[0] === lastScenario ? ['', ...r.slice(1)] : r));
    lastScenario = r[0];
  }
  return out.join('\n');
}
