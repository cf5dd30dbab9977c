import { PasswordAttemptBudget } from '../../domain/auth/password-attempt-budget';
import { PasswordHasher } from '../../domain/auth/password-hasher';
import { DomainError } from '../../domain/shared/domain-error';
import { FieldViolations } from '../../domain/shared/field-violations';
import { CancellationSignal } from '../../domain/shared/request-origin';
import { accountBusy, accountLocked } from './credentials';
import { attemptPassword } from './password-attempt';

/** The answer to a current password that is not the account's (ChangePassword, ChangeMyPassword). */
export function notCurrentPassword(): DomainError {
  return DomainError.invalid([{ field: 'current_password', description: 'is not the current password' }]);
}

/** A change of one's own password: the current one required, the new one by `policy`, the two different. */
export function checkPasswordChangeFields(currentPassword: string, newPassword: string, policy: (password: string) => void): void {
  const violations = new FieldViolations();
  if (currentPassword === '') violations.add('current_password', 'is required');
  violations.capture('new_password', () => policy(newPassword));
  if (newPassword !== '' && newPassword === currentPassword) violations.add('new_password', 'must differ from the current password');
  violations.throwIfAny();
}

/**
 * Checks the caller's current password within the account's attempt budget (the key Login uses), so wrong
 * current passwords count as failed sign-ins: a stolen access token cannot be used to guess the password
 * without limit, and the lockout covers both doors.
 */
export async function verifyCurrentPassword(
  attempts: PasswordAttemptBudget,
  hasher: PasswordHasher,
  key: string,
  passwordHash: string,
  currentPassword: string,
  signal: CancellationSignal | undefined,
): Promise<void> {
  const attempt = await attemptPassword(attempts, key, () => hasher.verify(passwordHash, currentPassword, signal));
  if (attempt.outcome === 'busy') throw accountBusy();
  if (attempt.outcome !== 'valid') {
    if (attempt.lockedFor > 0) throw accountLocked(attempt.lockedFor);
    throw notCurrentPassword();
  }
}
