import { PasswordAttemptBudget } from '../../domain/auth/password-attempt-budget';

export type PasswordAttemptResult =
  | { outcome: 'valid' }
  /** Wrong password; `lockedFor` > 0 when this failure locked the account. */
  | { outcome: 'invalid'; lockedFor: number }
  /** Not checked at all: the account is locked for `lockedFor` seconds. */
  | { outcome: 'refused'; lockedFor: number }
  /** Not checked at all: checks in progress hold the account's remaining budget; retry in a second. */
  | { outcome: 'busy'; lockedFor: 0 };

/**
 * Checks a password against an account within the account's attempt budget: reserves an attempt before
 * `check` does any hashing, then spends it (wrong password), or gives it back (right password, or the
 * check failed with an error, which propagates). Every flow that checks a password uses this.
 */
export async function attemptPassword(budget: PasswordAttemptBudget, accountKey: string, check: () => Promise<boolean>): Promise<PasswordAttemptResult> {
  const reservation = await budget.reserve(accountKey);
  if (!reservation.granted) return reservation.busy ? { outcome: 'busy', lockedFor: 0 } : { outcome: 'refused', lockedFor: reservation.retryAfterSeconds };
  let valid: boolean;
  try {
    valid = await check();
  } catch (error) {
    await reservation.settle('unchecked');
    throw error;
  }
  if (valid) {
    await reservation.settle('valid');
    return { outcome: 'valid' };
  }
  return { outcome: 'invalid', lockedFor: await reservation.settle('invalid') };
}
