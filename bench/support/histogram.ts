/**
 * A log-bucketed latency histogram (about 1% relative precision), mergeable and cheap to record into:
 * bucket i holds values in [GROWTH^i, GROWTH^(i+1)) microseconds. Percentiles are reported as the
 * geometric middle of their bucket, so they are within 0.5% of the exact value.
 */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = 2400; // up to 1.01^2400 µs ≈ 2.3e10 µs: far beyond any deadline

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

export class Histogram {
  readonly counts = new Float64Array(BUCKETS);
  count = 0;
  sumUs = 0;
  maxUs = 0;

  /** Records one value in milliseconds. */
  recordMs(ms: number): void {
    const us = ms * 1000;
    const index = us < 1 ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log(us) / LOG_GROWTH));
    this.counts[index] += 1;
    this.count += 1;
    this.sumUs += us;
    if (us > this.maxUs) this.maxUs = us;
  }

  merge(other: Histogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += other.counts[i];
    this.count += other.count;
    this.sumUs += other.sumUs;
    this.maxUs = Math.max(this.maxUs, other.maxUs);
  }

  /** The value (ms) below which `fraction` of the recorded values fall. */
  percentileMs(fraction: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(fraction * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(this.maxUs, Math.pow(GROWTH, i + 0.5)) / 1000;
    }
    return this.maxUs / 1000;
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      meanMs: this.count ? this.sumUs / this.count / 1000 : NaN,
      p50Ms: this.percentileMs(0.5),
      p90Ms: this.percentileMs(0.9),
      p99Ms: this.percentileMs(0.99),
      p999Ms: this.percentileMs(0.999),
      maxMs: this.maxUs / 1000,
    };
  }
}
