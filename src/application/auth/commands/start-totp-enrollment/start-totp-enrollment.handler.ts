import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { SecondFactorStore } from '../../../../domain/auth/second-factor-store';
import { Totp } from '../../../../domain/auth/totp';
import { PlatformAdminRepository } from '../../../../domain/platform-admin/platform-admin';
import { DomainError } from '../../../../domain/shared/domain-error';
import { UserRepository } from '../../../../domain/user/user-repository';
import { MessageHandler } from '../../../shared/message';
import { factorOwner } from '../../second-factor/second-factor-subject';
import { StartTotpEnrollmentCommand, TotpEnrollment } from './start-totp-enrollment.command';

@injectable()
export class StartTotpEnrollmentHandler implements MessageHandler<StartTotpEnrollmentCommand> {
  constructor(
    @inject(TOKENS.SecondFactorStore) private readonly store: SecondFactorStore,
    @inject(TOKENS.Totp) private readonly totp: Totp,
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.PlatformAdminRepository) private readonly admins: PlatformAdminRepository,
  ) {}

  async execute(command: StartTotpEnrollmentCommand): Promise<TotpEnrollment> {
    const owner = await factorOwner(command.caller, command.tenant, this.users, this.admins);
    const secret = this.totp.newSecret();
    if (!(await this.store.beginEnrollment(owner.scope, owner.id, secret))) {
      throw DomainError.failedPrecondition('TOTP_ALREADY_ENABLED', 'a TOTP factor is already enabled: disable it first (DisableTotp) to enroll a new one');
    }
    const uri = this.totp.uri(secret, owner.issuer, owner.email);
    return { secret, uri, qrSvg: await this.totp.qrSvg(uri) };
  }
}
