import { AttemptBudgetSettings, AttemptOutcome, AttemptReservation, grantedOnce, PasswordAttemptBudget } from '../../domain/auth/password-attempt-budget';

interface Entry {
  failures: number;
  /** Reservations granted and not settled yet (checks in progress). */
  held: number;
  windowEndsAt: number;
  lockedUntil: number;
}

/**
 * The attempt budget in this process (used without Redis, and while Redis is unreachable). Reserving is
 * synchronous, so concurrent calls cannot overdraw it. With several replicas and no Redis each replica
 * keeps its own budget, so the effective limit is per replica.
 */
export class MemoryPasswordAttemptBudget implements PasswordAttemptBudget {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly settings: AttemptBudgetSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async reserve(key: string): Promise<AttemptReservation> {
    const now = this.now();
    this.sweep(now);
    let entry = this.entries.get(key);
    if (entry && entry.lockedUntil > now) return { granted: false, retryAfterSeconds: Math.ceil((entry.lockedUntil - now) / 1000), busy: false };
    if (!entry) {
      entry = { failures: 0, held: 0, windowEndsAt: 0, lockedUntil: 0 };
      this.entries.set(key, entry);
    }
    if (entry.windowEndsAt <= now) entry.failures = 0;
    // The checks in progress may all turn out wrong: they count against the budget until settled.
    if (entry.failures + entry.held >= this.settings.maxFailures) return { granted: false, retryAfterSeconds: 1, busy: true };
    entry.held += 1;
    const held = entry;
    return grantedOnce(async (outcome) => {
      held.held -= 1;
      return this.settle(key, held, outcome);
    });
  }

  async clear(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.failures = 0;
    entry.lockedUntil = 0;
    if (entry.held === 0) this.entries.delete(key);
  }

  private settle(key: string, entry: Entry, outcome: AttemptOutcome): number {
    if (outcome === 'valid') entry.failures = 0;
    if (outcome !== 'invalid') return 0;
    const now = this.now();
    if (entry.windowEndsAt <= now) {
      entry.failures = 0;
      entry.windowEndsAt = now + this.settings.windowSeconds * 1000;
    }
    entry.failures += 1;
    if (entry.failures < this.settings.maxFailures) return 0;
    entry.failures = 0;
    entry.lockedUntil = now + this.settings.lockoutSeconds * 1000;
    this.entries.set(key, entry);
    return this.settings.lockoutSeconds;
  }

  /** Forgets idle entries whose window and lock are both over, so the map stays bounded by live attackers. */
  private sweep(now: number): void {
    if (this.entries.size < 10_000) return;
    for (const [key, e] of this.entries) if (e.held === 0 && e.windowEndsAt <= now && e.lockedUntil <= now) this.entries.delete(key);
  }
}
