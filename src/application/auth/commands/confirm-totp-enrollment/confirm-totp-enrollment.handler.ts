import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PlatformAdminRepository } from '../../../../domain/platform-admin/platform-admin';
import { UserRepository } from '../../../../domain/user/user-repository';
import { RequestOrigin } from '../../../../domain/shared/request-origin';
import { MessageHandler } from '../../../shared/message';
import { wrongSecondFactor } from '../../second-factor/second-factor';
import { factorOwner } from '../../second-factor/second-factor-subject';
import { TotpEnrollments } from '../../second-factor/totp-enrollments';
import { ConfirmTotpEnrollmentCommand } from './confirm-totp-enrollment.command';

@injectable()
export class ConfirmTotpEnrollmentHandler implements MessageHandler<ConfirmTotpEnrollmentCommand> {
  constructor(
    @inject(TotpEnrollments) private readonly enrollments: TotpEnrollments,
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.PlatformAdminRepository) private readonly admins: PlatformAdminRepository,
  ) {}

  async execute(command: ConfirmTotpEnrollmentCommand, origin: RequestOrigin): Promise<string[]> {
    const owner = await factorOwner(command.caller, command.tenant, this.users, this.admins);
    const matched = await this.enrollments.match(owner, command.code);
    if (!matched) throw wrongSecondFactor();
    return this.enrollments.confirm(owner, matched, origin);
  }
}
