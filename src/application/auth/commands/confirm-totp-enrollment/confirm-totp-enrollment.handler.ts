import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { SecondFactorStore } from '../../../../domain/auth/second-factor-store';
import { Totp } from '../../../../domain/auth/totp';
import { PlatformAdminRepository } from '../../../../domain/platform-admin/platform-admin';
import { DomainError } from '../../../../domain/shared/domain-error';
import { UserRepository } from '../../../../domain/user/user-repository';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { newRecoveryCodes, wrongSecondFactor } from '../../second-factor/second-factor';
import { factorOwner } from '../../second-factor/second-factor-subject';
import { ConfirmTotpEnrollmentCommand } from './confirm-totp-enrollment.command';

@injectable()
export class ConfirmTotpEnrollmentHandler implements MessageHandler<ConfirmTotpEnrollmentCommand> {
  constructor(
    @inject(TOKENS.SecondFactorStore) private readonly store: SecondFactorStore,
    @inject(TOKENS.Totp) private readonly totp: Totp,
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.PlatformAdminRepository) private readonly admins: PlatformAdminRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: ConfirmTotpEnrollmentCommand): Promise<string[]> {
    const code = command.code.trim();
    if (!/^\d{6}$/.test(code)) throw DomainError.invalid([{ field: 'code', description: 'must be the 6 digits your authenticator app shows' }]);
    const owner = await factorOwner(command.caller, command.tenant, this.users, this.admins);
    const factor = await this.store.find(owner.scope, owner.id);
    if (!factor || factor.confirmed) {
      throw DomainError.failedPrecondition('TOTP_NOT_ENROLLED', factor ? 'the TOTP factor is already enabled' : 'no TOTP enrollment is in progress: call StartTotpEnrollment first');
    }
    const now = this.clock.now();
    const step = this.totp.matchStep(factor.secret, code, now);
    if (step === undefined) throw wrongSecondFactor();
    const recovery = newRecoveryCodes();
    // Conditional on the same secret still pending: a restarted enrollment is not confirmed by an old code.
    if (!(await this.store.confirm(owner.scope, owner.id, factor.secret, step, recovery.hashes, now))) throw wrongSecondFactor();
    return recovery.codes;
  }
}
