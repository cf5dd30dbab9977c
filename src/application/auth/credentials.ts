import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/shared/domain-error';
import { Email } from '../../domain/shared/email';

/** One answer for every failed login, so it never tells which part was wrong or whether the email exists. */
export function invalidCredentials(): DomainError {
  return DomainError.unauthenticated('INVALID_CREDENTIALS', 'email or password is incorrect');
}

export function accountLocked(seconds: number): DomainError {
  return DomainError.of('ACCOUNT_LOCKED', `too many failed sign-ins for this account; try again in ${seconds} seconds`);
}

/**
 * Checks of this account's password in progress (on any replica) already hold what is left of its attempt
 * budget: any of them may be wrong, so no more may start until they end. Same answer for unknown emails.
 */
export function accountBusy(): DomainError {
  return DomainError.of('ACCOUNT_BUSY', 'too many sign-ins for this account are in progress; retry in 1 second');
}

/** The throttle key of an account: scope (tenant id or "platform") and a hash of the email, never the email. */
export function accountKey(scope: string, email: Email): string {
  return `${scope}:${createHash('sha256').update(email.normalized).digest('base64url').slice(0, 22)}`;
}
