import { CancellationSignal } from '../../domain/shared/request-origin';
import { DomainError } from '../../domain/shared/domain-error';

/**
 * Runs at most `limit` tasks at once and queues at most `maxQueue` more; beyond that, callers get
 * RESOURCE_EXHAUSTED at once instead of waiting without bound (a login storm must not starve other calls).
 */
export class BoundedConcurrency {
  private active = 0;
  private refused = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxQueue: number,
  ) {}

  get queueDepth(): number {
    return this.waiting.length;
  }

  get inFlight(): number {
    return this.active;
  }

  /** Tasks refused because the queue was full, since start. */
  get rejections(): number {
    return this.refused;
  }

  /** Runs `task` when a slot is free, unless `signal` (the caller's call) was aborted meanwhile. */
  async run<T>(task: () => Promise<T>, signal?: CancellationSignal): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.maxQueue) {
        this.refused += 1;
        throw DomainError.of('PASSWORD_HASHING_BUSY', 'too many sign-ins at once; retry shortly');
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      // A caller that gave up while queued (deadline passed) costs no hashing.
      if (signal?.aborted) throw DomainError.of('CALL_CANCELLED', 'the call was cancelled or its deadline passed');
      return await task();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter, or free it.
      if (next) next();
      else this.active -= 1;
    }
  }
}
