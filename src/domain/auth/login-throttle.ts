/** Port: counts failed logins per account and locks the account for a cooling period after too many. */
export interface LoginThrottle {
  /** Seconds the account stays locked, or 0 when it may try. */
  lockedFor(accountKey: string): Promise<number>;
  /** Records a failure; returns the seconds of the lock it started, or 0. */
  recordFailure(accountKey: string): Promise<number>;
  reset(accountKey: string): Promise<void>;
}
