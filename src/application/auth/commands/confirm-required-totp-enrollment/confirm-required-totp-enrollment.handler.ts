import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordAttemptBudget } from '../../../../domain/auth/password-attempt-budget';
import { asActor, RequestOrigin } from '../../../../domain/shared/request-origin';
import { MessageHandler } from '../../../shared/message';
import { Telemetry } from '../../../shared/telemetry';
import { attemptSecondFactor, countedAtSignIn } from '../../second-factor/second-factor';
import { MatchedEnrollment, TotpEnrollments } from '../../second-factor/totp-enrollments';
import { SignInAudit } from '../../sign-in-audit';
import { ConfirmRequiredTotpEnrollmentCommand, RequiredEnrollmentResult } from './confirm-required-totp-enrollment.command';

@injectable()
export class ConfirmRequiredTotpEnrollmentHandler implements MessageHandler<ConfirmRequiredTotpEnrollmentCommand> {
  constructor(
    @inject(TotpEnrollments) private readonly enrollments: TotpEnrollments,
    @inject(TOKENS.PasswordAttemptBudget) private readonly attempts: PasswordAttemptBudget,
    @inject(SignInAudit) private readonly signIns: SignInAudit,
    @inject(TOKENS.Telemetry) private readonly telemetry: Telemetry,
  ) {}

  /**
   * 1. the enrollment challenge must be live; 2. the code is checked against the pending secret within the
   * account's second-factor attempt budget (no access token here: only the password stood before it);
   * 3. the challenge is claimed (conditional: of concurrent confirmations exactly one goes on); 4. the factor
   * is turned on; 5. the session starts. A wrong code is SignInFailed in the audit trail, the session
   * SignInSucceeded (SignInAudit).
   */
  async execute(command: ConfirmRequiredTotpEnrollmentCommand, origin: RequestOrigin): Promise<RequiredEnrollmentResult> {
    const { owner, user } = await this.enrollments.challengeOwner(command.challenge, command.tenant);
    let matched: MatchedEnrollment | undefined;
    const judged = attemptSecondFactor(this.attempts, owner.scope, owner.id, async () => {
      matched = await this.enrollments.match(owner, command.code);
      return matched !== undefined;
    }, (locked) => this.signIns.secondFactorFailed(command.tenant, user, locked, origin));
    await countedAtSignIn(this.telemetry, judged);
    await this.enrollments.claim(command.challenge, command.tenant, user.id);
    // No access token here: the enrollment is stamped with the user as its actor.
    const recoveryCodes = await this.enrollments.confirm(owner, matched!, asActor(origin, user.id, user.role));
    return { user, recoveryCodes, ...(await this.signIns.startSession(command.tenant, { id: user.id, role: user.role }, origin)) };
  }
}
