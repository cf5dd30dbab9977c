import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../di/tokens';
import { SessionScope } from '../../../domain/auth/refresh-token-store';
import { ChallengePurpose, SecondFactorStore } from '../../../domain/auth/second-factor-store';
import { uuidV7 } from '../../../domain/shared/uuid-v7';
import { Clock } from '../../shared/clock';
import { newRefreshToken, PLATFORM_SCOPE } from '../refresh-token-codec';
import { CHALLENGE_TTL_SECONDS } from './second-factor';

/** What Login answers instead of tokens when the account has a second factor. */
export interface SecondFactorChallenge {
  kind: 'second-factor';
  /** Opaque, single use: `<tenant slug or "platform">.<256 random bits>`, stored only as a hash. */
  challenge: string;
  expiresAt: Date;
  reason: string;
  /**
   * The tenant requires a factor for the user's role and the user has none: the challenge answers
   * StartRequiredTotpEnrollment and ConfirmRequiredTotpEnrollment, not VerifySecondFactor.
   */
  enrollmentRequired: boolean;
}

/**
 * Between a right password and the session: a subject with a confirmed TOTP factor gets a challenge
 * (short-lived, single use, stored in the subject's own database, so bound to user and tenant) to answer
 * with VerifySecondFactor. Kept apart from the Login handler, which only calls `challengeFor`.
 */
@injectable()
export class SecondFactorGate {
  constructor(
    @inject(TOKENS.SecondFactorStore) private readonly store: SecondFactorStore,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  /**
   * A challenge if the subject has a confirmed second factor, or if its tenant requires one for its role
   * (then an enrollment challenge); undefined if the password suffices. Super-admins have no role policy.
   */
  async challengeFor(scope: SessionScope, subject: { id: string; role: string }): Promise<SecondFactorChallenge | undefined> {
    // The secret is opened (and a sealed value checked) only when a code is verified, not at every sign-in.
    if (await this.store.hasConfirmedFactor(scope, subject.id)) {
      return this.challenge(scope, subject.id, 'verify', 'this account has a TOTP second factor: send the challenge with a current code (or a recovery code) to VerifySecondFactor');
    }
    if (scope !== 'platform' && scope.requiresSecondFactor(subject.role)) {
      return this.challenge(
        scope,
        subject.id,
        'enroll',
        `this tenant requires a second factor for the ${subject.role} role and this account has none: enroll one with this challenge (StartRequiredTotpEnrollment, then ConfirmRequiredTotpEnrollment, which signs you in)`,
      );
    }
    return undefined;
  }

  private async challenge(scope: SessionScope, userId: string, purpose: ChallengePurpose, reason: string): Promise<SecondFactorChallenge> {
    const token = newRefreshToken(scope === 'platform' ? PLATFORM_SCOPE : scope.slug);
    const expiresAt = new Date(this.clock.now().getTime() + CHALLENGE_TTL_SECONDS * 1000);
    await this.store.createChallenge(scope, { id: uuidV7(), tokenHash: token.hash, userId, expiresAt, purpose });
    return { kind: 'second-factor', challenge: token.value, expiresAt, reason, enrollmentRequired: purpose === 'enroll' };
  }
}
