/**
 * Invalidations that could not reach Redis (it was down, or the breaker was open), kept to be replayed
 * before the shared tier is used again. Bounded: past `capacity` keys it stops remembering them one by
 * one and only records that it overflowed, which the recovery answers by dropping the whole shared tier.
 */
export class PendingInvalidations {
  private readonly keys = new Set<string>();
  private overflow = false;

  constructor(private readonly capacity: number) {}

  add(keys: readonly string[]): void {
    if (this.overflow) return;
    for (const key of keys) {
      if (this.keys.size >= this.capacity && !this.keys.has(key)) {
        this.overflow = true;
        this.keys.clear();
        return;
      }
      this.keys.add(key);
    }
  }

  get size(): number {
    return this.keys.size;
  }

  get overflowed(): boolean {
    return this.overflow;
  }

  get isEmpty(): boolean {
    return !this.overflow && this.keys.size === 0;
  }

  /** Removes and returns up to `count` keys (to replay; give them back with `add` if that fails). */
  take(count: number): string[] {
    const batch: string[] = [];
    for (const key of this.keys) {
      if (batch.length >= count) break;
      batch.push(key);
    }
    for (const key of batch) this.keys.delete(key);
    return batch;
  }

  /**
   * Takes the overflow to answer it (by dropping the whole shared tier): keys added from now on are
   * remembered one by one again. Give it back with `markOverflow` if the answer fails.
   */
  takeOverflow(): boolean {
    const overflowed = this.overflow;
    this.overflow = false;
    return overflowed;
  }

  markOverflow(): void {
    this.overflow = true;
    this.keys.clear();
  }
}
