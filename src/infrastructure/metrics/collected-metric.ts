/** One sample as a prom-client Registry prints it: `metricName` (default: the metric's) and its labels. */
export interface Sample {
  metricName?: string;
  labels: Record<string, string | number>;
  value: number;
}

/**
 * What a prom-client Registry reads of a metric (`registerMetric`, then `get()` at every scrape): the shape
 * its own Counter and Histogram have, which its typings do not export.
 */
export interface CollectedMetric {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  get(): Promise<{ name: string; help: string; type: string; aggregator: 'sum'; values: Sample[] }>;
  reset(): void;
}

/** A metric the registry reads by calling `collect` at scrape time; `reset` is its resetMetrics(). */
export function collectedMetric(name: string, help: string, type: CollectedMetric['type'], collect: () => Sample[], reset: () => void): CollectedMetric {
  return { name, help, type, aggregator: 'sum', get: async () => ({ name, help, type, aggregator: 'sum', values: collect() }), reset };
}

/**
 * A histogram's cells for one label set, as plain numbers: calls at or under each bound and over the
 * previous one (the last slot counts those over every bound), their sum and count. prom-client keys its
 * buckets by the bound turned into a string and hashes the label object on every observe.
 */
export class HistogramCells {
  private readonly buckets: Float64Array;
  private sum = 0;
  private count = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.buckets = new Float64Array(bounds.length + 1);
  }

  observe(seconds: number): void {
    const bounds = this.bounds;
    let slot = 0;
    while (slot < bounds.length && seconds > bounds[slot]) slot++;
    this.buckets[slot]++;
    this.sum += seconds;
    this.count++;
  }

  /** Pushes the exposition's samples: cumulative `_bucket` per bound then `+Inf`, `_sum`, `_count`. */
  collect(name: string, labels: Record<string, string>, into: Sample[]): void {
    let cumulative = 0;
    this.bounds.forEach((le, slot) => {
      cumulative += this.buckets[slot];
      into.push({ metricName: `${name}_bucket`, labels: { le, ...labels }, value: cumulative });
    });
    into.push(
      { metricName: `${name}_bucket`, labels: { le: '+Inf', ...labels }, value: this.count },
      { metricName: `${name}_sum`, labels: { ...labels }, value: this.sum },
      { metricName: `${name}_count`, labels: { ...labels }, value: this.count },
    );
  }
}
