import { CollectedMetric, collectedMetric, HistogramCells, Sample } from './collected-metric';

/** One method's series: its labels, calls by status code, and its latency histogram. */
interface MethodSeries {
  labels: { grpc_service: string; grpc_method: string };
  handled: Map<string, number>;
  time: HistogramCells;
}

/**
 * `grpc_server_handled_total` and `grpc_server_handling_seconds`, kept as plain numbers per method and read
 * by the registry at scrape time. prom-client's own Counter and Histogram hash a label object into a
 * string on every `inc`/`observe`, even through a child from `labels()`, and key its buckets by the bound
 * turned into a string: about 600 bytes of garbage and 1.7 to 2.4 µs (measured in isolation) on every call we serve. Here a call
 * costs one map lookup by path, one by status code, and a bucket search. The exposition is prom-client's:
 * same names, label names, `le` values (cumulative, then `+Inf`), `_sum` and `_count`.
 */
export class GrpcCallSeries {
  private readonly methods = new Map<string, MethodSeries>();

  constructor(private readonly bounds: readonly number[]) {}

  /** Records one finished RPC; `path` is `/package.Service/Method`, `code` a status name (`OK`, `NOT_FOUND`…). */
  observe(path: string, code: string, seconds: number): void {
    let series = this.methods.get(path);
    if (!series) {
      const slash = path.lastIndexOf('/');
      series = { labels: { grpc_service: path.slice(1, slash), grpc_method: path.slice(slash + 1) }, handled: new Map(), time: new HistogramCells(this.bounds) };
      this.methods.set(path, series);
    }
    series.handled.set(code, (series.handled.get(code) ?? 0) + 1);
    series.time.observe(seconds);
  }

  /** `grpc_server_handled_total`, to register with `Registry.registerMetric`. */
  handledMetric(name: string, help: string): CollectedMetric {
    const collect = (): Sample[] => {
      const values: Sample[] = [];
      for (const series of this.methods.values()) {
        for (const [code, count] of series.handled) values.push({ labels: { ...series.labels, grpc_code: code }, value: count });
      }
      return values;
    };
    return collectedMetric(name, help, 'counter', collect, () => this.methods.clear());
  }

  /** `grpc_server_handling_seconds`, to register with `Registry.registerMetric`. */
  handlingMetric(name: string, help: string): CollectedMetric {
    const collect = (): Sample[] => {
      const values: Sample[] = [];
      for (const series of this.methods.values()) series.time.collect(name, series.labels, values);
      return values;
    };
    return collectedMetric(name, help, 'histogram', collect, () => this.methods.clear());
  }
}
