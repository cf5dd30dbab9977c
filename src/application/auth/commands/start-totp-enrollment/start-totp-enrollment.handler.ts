import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PlatformAdminRepository } from '../../../../domain/platform-admin/platform-admin';
import { UserRepository } from '../../../../domain/user/user-repository';
import { RequestOrigin } from '../../../../domain/shared/request-origin';
import { MessageHandler } from '../../../shared/message';
import { factorOwner } from '../../second-factor/second-factor-subject';
import { TotpEnrollments } from '../../second-factor/totp-enrollments';
import { StartTotpEnrollmentCommand, TotpEnrollment } from './start-totp-enrollment.command';

@injectable()
export class StartTotpEnrollmentHandler implements MessageHandler<StartTotpEnrollmentCommand> {
  constructor(
    @inject(TotpEnrollments) private readonly enrollments: TotpEnrollments,
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.PlatformAdminRepository) private readonly admins: PlatformAdminRepository,
  ) {}

  async execute(command: StartTotpEnrollmentCommand, origin: RequestOrigin): Promise<TotpEnrollment> {
    return this.enrollments.start(await factorOwner(command.caller, command.tenant, this.users, this.admins), origin);
  }
}
