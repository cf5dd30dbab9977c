import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordAttemptBudget } from '../../../../domain/auth/password-attempt-budget';
import { SecondFactorStore } from '../../../../domain/auth/second-factor-store';
import { Totp } from '../../../../domain/auth/totp';
import { PlatformAdminRepository } from '../../../../domain/platform-admin/platform-admin';
import { DomainError } from '../../../../domain/shared/domain-error';
import { UserRepository } from '../../../../domain/user/user-repository';
import { Clock } from '../../../shared/clock';
import { Telemetry } from '../../../shared/telemetry';
import { MessageHandler } from '../../../shared/message';
import { hashRefreshToken } from '../../refresh-token-codec';
import { attemptSecondFactor, challengeScope, countedAtSignIn, hashRecoveryCode, invalidChallenge, withSecondFactors } from '../../second-factor/second-factor';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { SignInAudit } from '../../sign-in-audit';
import { VerifySecondFactorCommand } from './verify-second-factor.command';
import { asActor, RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class VerifySecondFactorHandler implements MessageHandler<VerifySecondFactorCommand> {
  constructor(
    @inject(TOKENS.SecondFactorStore) private readonly store: SecondFactorStore,
    @inject(TOKENS.Totp) private readonly totp: Totp,
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.PlatformAdminRepository) private readonly admins: PlatformAdminRepository,
    @inject(TOKENS.PasswordAttemptBudget) private readonly attempts: PasswordAttemptBudget,
    @inject(SignInAudit) private readonly signIns: SignInAudit,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Telemetry) private readonly telemetry: Telemetry,
  ) {}

  /**
   * 1. the challenge must be live (read, not used yet); 2. the code or recovery code is checked within the
   * subject's second-factor attempt budget, a code's time step and a recovery code each used at most once
   * (conditional updates); 3. the challenge is claimed with one conditional update: of concurrent
   * verifications of one challenge exactly one gets past it; 4. the session starts. A tenant user who was
   * disabled meanwhile gets CHALLENGE_INVALID before any code is checked. A tenant user's wrong answer is
   * SignInFailed in the audit trail, the session SignInSucceeded (SignInAudit).
   */
  async execute(command: VerifySecondFactorCommand, origin: RequestOrigin) {
    const { code, recoveryCode } = command.proof;
    if (!code === !recoveryCode) throw DomainError.invalid([{ field: 'code', description: 'send exactly one of code and recovery_code' }]);
    const scope = challengeScope(command.challenge, command.headerTenant);
    const tokenHash = hashRefreshToken(command.challenge);
    const now = this.clock.now();
    const userId = await this.store.peekChallenge(scope, tokenHash, now, 'verify');
    if (!userId) throw invalidChallenge();
    const user = scope === 'platform' ? undefined : await this.users.findById(scope, userId);
    if (scope !== 'platform' && !user?.isActive) throw invalidChallenge();
    // No access token here: the factor's changes are stamped with the account as their actor.
    const actor = asActor(origin, userId, user?.role ?? 'SUPER_ADMIN');
    const tenant = scope === 'platform' ? undefined : scope;

    const judged = attemptSecondFactor(this.attempts, scope, userId, async () => {
      if (recoveryCode) return withSecondFactors(this.units, scope, actor, (factors) => factors.useRecoveryCode(userId, hashRecoveryCode(recoveryCode)));
      const factor = await this.store.find(scope, userId);
      if (!factor?.confirmed) return false;
      const step = this.totp.matchStep(factor.secret, code!.trim(), now);
      return step !== undefined && (await withSecondFactors(this.units, scope, actor, (factors) => factors.acceptStep(userId, step)));
    }, (locked) => {
      // A super-admin's sign-ins are not recorded.
      if (user) this.signIns.secondFactorFailed(tenant, user, locked, origin);
    });
    await countedAtSignIn(this.telemetry, judged);
    if ((await this.store.claimChallenge(scope, tokenHash, this.clock.now(), 'verify')) !== userId) throw invalidChallenge();

    if (scope === 'platform') {
      const admin = await this.admins.findById(userId);
      if (!admin) throw invalidChallenge();
      return { kind: 'platform-admin' as const, admin: { id: admin.id, email: admin.email, name: admin.name }, ...(await this.signIns.startSession(undefined, { id: admin.id, role: 'SUPER_ADMIN' }, origin)) };
    }
    if (!user) throw invalidChallenge();
    return { kind: 'user' as const, user, ...(await this.signIns.startSession(tenant, { id: user.id, role: user.role }, origin)) };
  }
}
