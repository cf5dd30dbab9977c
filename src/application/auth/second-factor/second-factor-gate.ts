import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../di/tokens';
import { SessionScope } from '../../../domain/auth/refresh-token-store';
import { SecondFactorStore } from '../../../domain/auth/second-factor-store';
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

  /** A challenge if the subject has a confirmed second factor; undefined if the password suffices. */
  async challengeFor(scope: SessionScope, userId: string): Promise<SecondFactorChallenge | undefined> {
    const factor = await this.store.find(scope, userId);
    if (!factor?.confirmed) return undefined;
    const token = newRefreshToken(scope === 'platform' ? PLATFORM_SCOPE : scope.slug);
    const expiresAt = new Date(this.clock.now().getTime() + CHALLENGE_TTL_SECONDS * 1000);
    await this.store.createChallenge(scope, { id: uuidV7(), tokenHash: token.hash, userId, expiresAt });
    return {
      kind: 'second-factor',
      challenge: token.value,
      expiresAt,
      reason: 'this account has a TOTP second factor: send the challenge with a current code (or a recovery code) to VerifySecondFactor',
    };
  }
}
