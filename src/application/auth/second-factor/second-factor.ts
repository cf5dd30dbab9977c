import { createHash, randomBytes } from 'node:crypto';
import { SessionScope } from '../../../domain/auth/refresh-token-store';
import { SecondFactorWrites } from '../../../domain/auth/second-factor-store';
import { RequestOrigin } from '../../../domain/shared/request-origin';
import { SecondFactorOutcome, Telemetry } from '../../shared/telemetry';
import { UnitOfWork } from '../../shared/unit-of-work';
import { PasswordAttemptBudget } from '../../../domain/auth/password-attempt-budget';
import { DomainError } from '../../../domain/shared/domain-error';
import { accountBusy } from '../credentials';
import { attemptPassword } from '../password-attempt';
import { PLATFORM_SCOPE, refreshTokenScope } from '../refresh-token-codec';

/** How long a sign-in challenge lives. */
export const CHALLENGE_TTL_SECONDS = 300;
export const RECOVERY_CODE_COUNT = 10;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Ten single-use recovery codes `xxxxx-xxxxx` (50 random bits each), and their hashes for storage. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const text = [...bytes].map((b) => BASE32[b % 32]).join('');
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

/** SHA-256 of the code without dashes, spaces or case: what is stored and compared. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.toLowerCase().replace(/[\s-]/g, '')).digest('hex');
}

/** The budget key of a subject's second factor: wrong codes are counted apart from wrong passwords. */
export function secondFactorKey(scope: SessionScope, userId: string): string {
  return `second-factor:${scope === 'platform' ? PLATFORM_SCOPE : scope.id}:${userId}`;
}

export function wrongSecondFactor(): DomainError {
  return DomainError.unauthenticated('SECOND_FACTOR_INVALID', 'the code is wrong, expired or already used');
}

export function invalidChallenge(): DomainError {
  return DomainError.unauthenticated('CHALLENGE_INVALID', 'the sign-in challenge is unknown, already used or expired; sign in again');
}

export function secondFactorLocked(seconds: number): DomainError {
  return DomainError.of('SECOND_FACTOR_LOCKED', `too many wrong codes; try again in ${seconds} seconds`);
}

/**
 * Checks a second-factor answer within the subject's own attempt budget (reserved before the check, like a
 * password); returns when it is right, throws SECOND_FACTOR_INVALID, SECOND_FACTOR_LOCKED or ACCOUNT_BUSY.
 * `judgedWrong` hears of each answer that was checked and found wrong (`locked`: this failure locked the
 * factor); not of calls refused unchecked (busy, or while locked).
 */
export async function attemptSecondFactor(
  budget: PasswordAttemptBudget,
  scope: SessionScope,
  userId: string,
  check: () => Promise<boolean>,
  judgedWrong?: (locked: boolean) => void,
): Promise<void> {
  const attempt = await attemptPassword(budget, secondFactorKey(scope, userId), check);
  if (attempt.outcome === 'valid') return;
  if (attempt.outcome === 'busy') throw accountBusy();
  if (attempt.outcome === 'invalid') judgedWrong?.(attempt.lockedFor > 0);
  if (attempt.lockedFor > 0) throw secondFactorLocked(attempt.lockedFor);
  throw wrongSecondFactor();
}

/**
 * Counts a sign-in's judged code (VerifySecondFactor, ConfirmRequiredTotpEnrollment) in the metric by its
 * outcome, and passes the result on; a failure that judged nothing (a database error) is not counted.
 */
export async function countedAtSignIn(telemetry: Telemetry, judged: Promise<void>): Promise<void> {
  try {
    await judged;
  } catch (error) {
    const outcome = refusedCodeOutcome(error);
    if (outcome) telemetry.secondFactorAttempt(outcome);
    throw error;
  }
  telemetry.secondFactorAttempt('success');
}

function refusedCodeOutcome(error: unknown): SecondFactorOutcome | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.reason === 'SECOND_FACTOR_INVALID') return 'failure';
  if (error.reason === 'SECOND_FACTOR_LOCKED' || error.reason === 'ACCOUNT_BUSY') return 'locked';
  return undefined;
}

export function secondFactorRequired(role: string): DomainError {
  return DomainError.failedPrecondition('SECOND_FACTOR_REQUIRED', `this tenant requires a second factor for the ${role} role: the TOTP factor cannot be turned off while the policy (second_factor_required_roles) names the role`);
}

/** A challenge names its database like a refresh token; it must match the call's x-tenant-id (none for the platform). */
export function challengeScope(challenge: string, headerTenant: SessionScope | undefined): SessionScope {
  const prefix = refreshTokenScope(challenge);
  if (!prefix) throw invalidChallenge();
  if (prefix === PLATFORM_SCOPE) {
    if (headerTenant) throw invalidChallenge();
    return 'platform';
  }
  if (!headerTenant || headerTenant === 'platform' || headerTenant.slug !== prefix) {
    throw DomainError.invalid([{ field: 'x-tenant-id', description: `metadata must name the tenant you signed in to ('${prefix}')` }]);
  }
  return headerTenant;
}

/** Runs `work` on the scope's second factors in one unit of work (tenant database or master), so the change and its audit event commit together. */
export function withSecondFactors<T>(units: UnitOfWork, scope: SessionScope, origin: RequestOrigin, work: (factors: SecondFactorWrites) => Promise<T>): Promise<T> {
  return scope === 'platform' ? units.run('platform', origin, (unit) => work(unit.secondFactors)) : units.run(scope, origin, (unit) => work(unit.secondFactors));
}
