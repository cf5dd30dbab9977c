import { LoginThrottle } from '../../domain/auth/login-throttle';

export interface ThrottleSettings {
  maxFailures: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

interface Entry {
  failures: number;
  windowEndsAt: number;
  lockedUntil: number;
}

/**
 * Failed-login counters in this process (used without Redis, and while Redis is unreachable). With
 * several replicas and no Redis, each replica counts on its own, so the effective limit is per replica.
 */
export class MemoryLoginThrottle implements LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly settings: ThrottleSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async lockedFor(key: string): Promise<number> {
    const entry = this.entries.get(key);
    return entry ? Math.max(0, Math.ceil((entry.lockedUntil - this.now()) / 1000)) : 0;
  }

  async recordFailure(key: string): Promise<number> {
    const now = this.now();
    this.sweep(now);
    let entry = this.entries.get(key);
    if (!entry || entry.windowEndsAt <= now) {
      entry = { failures: 0, windowEndsAt: now + this.settings.windowSeconds * 1000, lockedUntil: entry?.lockedUntil ?? 0 };
      this.entries.set(key, entry);
    }
    entry.failures += 1;
    if (entry.failures < this.settings.maxFailures) return 0;
    entry.failures = 0;
    entry.lockedUntil = now + this.settings.lockoutSeconds * 1000;
    return this.settings.lockoutSeconds;
  }

  async reset(key: string): Promise<void> {
    this.entries.delete(key);
  }

  /** Forgets entries whose window and lock are both over, so the map stays bounded by live attackers. */
  private sweep(now: number): void {
    if (this.entries.size < 10_000) return;
    for (const [key, entry] of this.entries) if (entry.windowEndsAt <= now && entry.lockedUntil <= now) this.entries.delete(key);
  }
}
