import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordAttemptBudget } from '../../../../domain/auth/password-attempt-budget';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { SecondFactorStore } from '../../../../domain/auth/second-factor-store';
import { Totp } from '../../../../domain/auth/totp';
import { PlatformAdminRepository } from '../../../../domain/platform-admin/platform-admin';
import { DomainError } from '../../../../domain/shared/domain-error';
import { Email } from '../../../../domain/shared/email';
import { UserRepository } from '../../../../domain/user/user-repository';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { accountBusy, accountKey, accountLocked } from '../../credentials';
import { attemptPassword } from '../../password-attempt';
import { attemptSecondFactor, secondFactorRequired, withSecondFactors } from '../../second-factor/second-factor';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { RequestOrigin } from '../../../../domain/shared/request-origin';
import { factorOwner } from '../../second-factor/second-factor-subject';
import { DisableTotpCommand } from './disable-totp.command';

@injectable()
export class DisableTotpHandler implements MessageHandler<DisableTotpCommand> {
  constructor(
    @inject(TOKENS.SecondFactorStore) private readonly store: SecondFactorStore,
    @inject(TOKENS.Totp) private readonly totp: Totp,
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.PlatformAdminRepository) private readonly admins: PlatformAdminRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.PasswordAttemptBudget) private readonly attempts: PasswordAttemptBudget,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
  ) {}

  async execute(command: DisableTotpCommand, origin: RequestOrigin): Promise<void> {
    const { password, code } = command.proof;
    if (!password === !code) {
      throw DomainError.invalid([{ field: 'password', description: 'send exactly one of password and code' }]);
    }
    const owner = await factorOwner(command.caller, command.tenant, this.users, this.admins);
    const factor = await this.store.find(owner.scope, owner.id);
    if (!factor) throw DomainError.failedPrecondition('TOTP_NOT_ENROLLED', 'this account has no TOTP factor');
    // Before any proof is checked: no attempt is spent on a change the tenant's policy refuses anyway.
    if (factor.confirmed && owner.scope !== 'platform' && owner.scope.requiresSecondFactor(owner.role)) throw secondFactorRequired(owner.role);
    if (password) {
      const key = accountKey(owner.scope === 'platform' ? 'platform' : owner.scope.id, Email.parse(owner.email));
      const attempt = await attemptPassword(this.attempts, key, () => this.hasher.verify(owner.passwordHash, password));
      if (attempt.outcome === 'busy') throw accountBusy();
      if (attempt.outcome !== 'valid') {
        if (attempt.lockedFor > 0) throw accountLocked(attempt.lockedFor);
        throw DomainError.unauthenticated('INVALID_CREDENTIALS', 'the password is incorrect');
      }
    } else {
      if (!factor.confirmed) throw DomainError.failedPrecondition('TOTP_NOT_ENROLLED', 'the TOTP factor is not confirmed yet: disable it with the password');
      await attemptSecondFactor(this.attempts, owner.scope, owner.id, async () => {
        const step = this.totp.matchStep(factor.secret, code!.trim(), this.clock.now());
        return step !== undefined && (await withSecondFactors(this.units, owner.scope, origin, (factors) => factors.acceptStep(owner.id, step)));
      });
    }
    await withSecondFactors(this.units, owner.scope, origin, (factors) => factors.remove(owner.id));
  }
}
