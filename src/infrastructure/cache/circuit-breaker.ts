export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open a closed breaker. */
  failureThreshold: number;
  /** How long an open breaker refuses calls before it lets one probe through. */
  coolDownMs: number;
  /** State to start in: 'open' until the resource is known to work (e.g. before the first connection). */
  initialState?: 'closed' | 'open';
  /** Milliseconds clock; injectable for tests. */
  now?: () => number;
  onStateChange?: (from: BreakerState, to: BreakerState, reason: string) => void;
}

/**
 * A circuit breaker around one resource (here Redis). Closed: calls go through and consecutive failures
 * are counted; `failureThreshold` of them, or one `trip` (a timeout, a lost connection), open it. Open:
 * callers skip the resource at once, so a dead resource adds no latency. After `coolDownMs`, the first
 * caller to ask `tryStartProbe` gets `true` and the breaker goes half-open: that caller runs one probe in
 * the background while everyone else keeps skipping the resource, and the probe's outcome closes the
 * breaker or opens it for another cool-down.
 */
export class CircuitBreaker {
  private current: BreakerState;
  private failures = 0;
  private openedAt: number;
  private opened = 0;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (!(options.failureThreshold >= 1)) throw new RangeError('failureThreshold must be at least 1');
    if (!(options.coolDownMs >= 0)) throw new RangeError('coolDownMs must not be negative');
    this.now = options.now ?? Date.now;
    this.current = options.initialState ?? 'closed';
    this.openedAt = this.now();
  }

  get state(): BreakerState {
    return this.current;
  }

  /** How many times the breaker has opened (a counter for metrics). */
  get openings(): number {
    return this.opened;
  }

  /** True when calls may use the resource now. */
  get isClosed(): boolean {
    return this.current === 'closed';
  }

  /** Milliseconds until an open breaker lets a probe through (0 if due now or not open). */
  get probeDueInMs(): number {
    if (this.current !== 'open') return 0;
    return Math.max(0, this.options.coolDownMs - (this.now() - this.openedAt));
  }

  recordSuccess(): void {
    if (this.current === 'closed') this.failures = 0;
  }

  /** A failed call. Results of calls that started before the breaker opened are ignored once it is open. */
  recordFailure(reason: string): void {
    if (this.current !== 'closed') return;
    this.failures += 1;
    if (this.failures >= this.options.failureThreshold) this.transition('open', `${this.failures} consecutive failures (last: ${reason})`);
  }

  /** Opens a closed breaker at once (a command timed out, the connection was lost). */
  trip(reason: string): void {
    if (this.current === 'closed') this.transition('open', reason);
  }

  /**
   * True exactly once per cool-down: the breaker is open and its cool-down has passed (or `force`, when
   * the resource has just announced it is back), and it is now half-open. The caller must run a probe and
   * report it with `probeSucceeded` or `probeFailed`.
   */
  tryStartProbe(force = false): boolean {
    if (this.current !== 'open') return false;
    if (!force && this.now() - this.openedAt < this.options.coolDownMs) return false;
    this.transition('half-open', force ? 'resource reported ready' : 'cool-down elapsed');
    return true;
  }

  probeSucceeded(): void {
    if (this.current === 'half-open') this.transition('closed', 'probe succeeded');
  }

  probeFailed(reason: string): void {
    if (this.current === 'half-open') this.transition('open', `probe failed: ${reason}`);
  }

  private transition(to: BreakerState, reason: string): void {
    const from = this.current;
    this.current = to;
    this.failures = 0;
    if (to === 'open') {
      this.openedAt = this.now();
      this.opened += 1;
    }
    this.options.onStateChange?.(from, to, reason);
  }
}
