/**
 * Port: counts events per key in fixed windows. `hit` counts one and answers whether the key is still
 * within `limit` per `windowSeconds`. Keys must not hold personal data (hash an email first).
 */
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number): Promise<boolean>;
}
