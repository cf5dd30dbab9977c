import { CollectedMetric, collectedMetric, HistogramCells, Sample } from './collected-metric';

/**
 * A counter with two labels, kept as plain numbers in nested maps (no label object hashed per `inc`, unlike
 * prom-client's Counter and its `labels()` children) and read by the registry at scrape time. Its
 * exposition is prom-client's for the same increments.
 */
export class TwoLabelCounter {
  private readonly counts = new Map<string, Map<string, number>>();

  readonly name: string;
  readonly help: string;
  private readonly labelNames: readonly [string, string];

  /** Named as prom-client's Counter is configured. */
  constructor(config: { name: string; help: string; labelNames: readonly [string, string] }) {
    ({ name: this.name, help: this.help, labelNames: this.labelNames } = config);
  }

  inc(first: string, second: string, by = 1): void {
    let inner = this.counts.get(first);
    if (!inner) {
      inner = new Map();
      this.counts.set(first, inner);
    }
    inner.set(second, (inner.get(second) ?? 0) + by);
  }

  metric(): CollectedMetric {
    const [a, b] = this.labelNames;
    const collect = (): Sample[] => {
      const values: Sample[] = [];
      for (const [first, inner] of this.counts) for (const [second, value] of inner) values.push({ labels: { [a]: first, [b]: second }, value });
      return values;
    };
    return collectedMetric(this.name, this.help, 'counter', collect, () => this.counts.clear());
  }
}

/** A histogram with one label, its cells plain numbers per label value (see HistogramCells). */
export class OneLabelHistogram {
  private readonly cells = new Map<string, HistogramCells>();

  readonly name: string;
  readonly help: string;
  private readonly labelName: string;
  private readonly bounds: readonly number[];

  /** Named as prom-client's Histogram is configured (one label name). */
  constructor(config: { name: string; help: string; labelNames: readonly [string]; buckets: readonly number[] }) {
    ({ name: this.name, help: this.help, buckets: this.bounds } = config);
    this.labelName = config.labelNames[0];
  }

  observe(value: string, seconds: number): void {
    let cells = this.cells.get(value);
    if (!cells) {
      cells = new HistogramCells(this.bounds);
      this.cells.set(value, cells);
    }
    cells.observe(seconds);
  }

  metric(): CollectedMetric {
    const collect = (): Sample[] => {
      const values: Sample[] = [];
      for (const [value, cells] of this.cells) cells.collect(this.name, { [this.labelName]: value }, values);
      return values;
    };
    return collectedMetric(this.name, this.help, 'histogram', collect, () => this.cells.clear());
  }
}
