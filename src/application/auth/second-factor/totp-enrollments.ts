import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../di/tokens';
import { SecondFactorStore } from '../../../domain/auth/second-factor-store';
import { Totp } from '../../../domain/auth/totp';
import { DomainError } from '../../../domain/shared/domain-error';
import { Tenant } from '../../../domain/tenant/tenant';
import { User } from '../../../domain/user/user';
import { UserRepository } from '../../../domain/user/user-repository';
import { Clock } from '../../shared/clock';
import { TotpEnrollment } from '../commands/start-totp-enrollment/start-totp-enrollment.command';
import { hashRefreshToken } from '../refresh-token-codec';
import { challengeScope, invalidChallenge, newRecoveryCodes, withSecondFactors, wrongSecondFactor } from './second-factor';
import { UnitOfWork } from '../../shared/unit-of-work';
import { RequestOrigin } from '../../../domain/shared/request-origin';
import { FactorOwner, userFactorOwner } from './second-factor-subject';

/** A pending enrollment whose secret a code matched, at time step `step`. */
export interface MatchedEnrollment {
  secret: string;
  step: number;
}

/**
 * The steps of a TOTP enrollment, shared by the enrollment of a signed-in caller (StartTotpEnrollment,
 * ConfirmTotpEnrollment) and the one a tenant's policy requires at sign-in (Start/ConfirmRequiredTotpEnrollment).
 */
@injectable()
export class TotpEnrollments {
  constructor(
    @inject(TOKENS.SecondFactorStore) private readonly store: SecondFactorStore,
    @inject(TOKENS.Totp) private readonly totp: Totp,
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
  ) {}

  /** A fresh secret, pending until confirmed; TOTP_ALREADY_ENABLED if a confirmed factor exists. */
  async start(owner: FactorOwner, origin: RequestOrigin): Promise<TotpEnrollment> {
    const secret = this.totp.newSecret();
    if (!(await withSecondFactors(this.units, owner.scope, origin, (factors) => factors.beginEnrollment(owner.id, secret)))) {
      throw DomainError.failedPrecondition('TOTP_ALREADY_ENABLED', 'a TOTP factor is already enabled: disable it first (DisableTotp) to enroll a new one');
    }
    const uri = this.totp.uri(secret, owner.issuer, owner.email);
    return { secret, uri, qrSvg: await this.totp.qrSvg(uri) };
  }

  /** The pending enrollment `code` matches; undefined for a wrong code. Throws for a malformed code or no pending enrollment. */
  async match(owner: FactorOwner, rawCode: string): Promise<MatchedEnrollment | undefined> {
    const code = rawCode.trim();
    if (!/^\d{6}$/.test(code)) throw DomainError.invalid([{ field: 'code', description: 'must be the 6 digits your authenticator app shows' }]);
    const factor = await this.store.find(owner.scope, owner.id);
    if (!factor || factor.confirmed) {
      throw DomainError.failedPrecondition('TOTP_NOT_ENROLLED', factor ? 'the TOTP factor is already enabled' : 'no TOTP enrollment is in progress: start one first');
    }
    const step = this.totp.matchStep(factor.secret, code, this.clock.now());
    return step === undefined ? undefined : { secret: factor.secret, step };
  }

  /** Turns the matched enrollment on; the ten recovery codes, shown this once. */
  async confirm(owner: FactorOwner, matched: MatchedEnrollment, origin: RequestOrigin): Promise<string[]> {
    const recovery = newRecoveryCodes();
    const now = this.clock.now();
    // Conditional on the same secret still pending: a restarted enrollment is not confirmed by an old code.
    if (!(await withSecondFactors(this.units, owner.scope, origin, (factors) => factors.confirm(owner.id, matched.secret, matched.step, recovery.hashes, now)))) throw wrongSecondFactor();
    return recovery.codes;
  }

  /**
   * The user of a live enrollment challenge (Login's answer when the tenant requires a factor the user does
   * not have), as the owner of the factor to enroll; the challenge stays live until `claim`.
   */
  async challengeOwner(challenge: string, tenant: Tenant): Promise<{ owner: FactorOwner; user: User }> {
    const scope = challengeScope(challenge, tenant);
    if (scope === 'platform') throw invalidChallenge();
    const userId = await this.store.peekChallenge(scope, hashRefreshToken(challenge), this.clock.now(), 'enroll');
    if (!userId) throw invalidChallenge();
    const user = await this.users.findById(scope, userId);
    if (!user?.isActive) throw invalidChallenge();
    return { user, owner: userFactorOwner(scope, user) };
  }

  /** Uses the enrollment challenge up: of concurrent claims exactly one wins; the others get CHALLENGE_INVALID. */
  async claim(challenge: string, tenant: Tenant, userId: string): Promise<void> {
    if ((await this.store.claimChallenge(tenant, hashRefreshToken(challenge), this.clock.now(), 'enroll')) !== userId) throw invalidChallenge();
  }
}
