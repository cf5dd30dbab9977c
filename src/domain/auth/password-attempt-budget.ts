/**
 * Port: the budget of password checks one account may have evaluated. Every check of a password against an
 * account (sign-in, change of password, and any later flow that asks for one) reserves an attempt here
 * BEFORE hashing, atomically, so concurrent guesses cannot all be judged: at most `maxFailures` wrong
 * passwords of one account are evaluated per window, whatever the concurrency and however many replicas.
 */
export interface PasswordAttemptBudget {
  reserve(accountKey: string): Promise<AttemptReservation>;
  /** Forgets the account's failures and ends its lockout (a completed password reset proves the owner). */
  clear(accountKey: string): Promise<void>;
}

export type AttemptReservation =
  | { granted: true; settle(outcome: AttemptOutcome): Promise<number> }
  /** Refused: the account is locked, or (`busy`) its remaining budget is held by checks in progress. */
  | { granted: false; retryAfterSeconds: number; busy: boolean };

/**
 * `invalid` spends the reservation as a failure (returns the seconds of the lock it started, or 0);
 * `valid` gives it back and clears the failures; `unchecked` (the check itself failed) gives it back.
 */
export type AttemptOutcome = 'valid' | 'invalid' | 'unchecked';

export interface AttemptBudgetSettings {
  maxFailures: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

/** A granted reservation whose `settle` takes effect once; later calls answer 0 and do nothing. */
export function grantedOnce(settle: (outcome: AttemptOutcome) => Promise<number>): AttemptReservation {
  let settled = false;
  return {
    granted: true,
    settle: async (outcome) => {
      if (settled) return 0;
      settled = true;
      return settle(outcome);
    },
  };
}
