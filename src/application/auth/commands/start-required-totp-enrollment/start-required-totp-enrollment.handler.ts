import { inject, injectable } from 'inversify';
import { asActor, RequestOrigin } from '../../../../domain/shared/request-origin';
import { MessageHandler } from '../../../shared/message';
import { TotpEnrollments } from '../../second-factor/totp-enrollments';
import { TotpEnrollment } from '../start-totp-enrollment/start-totp-enrollment.command';
import { StartRequiredTotpEnrollmentCommand } from './start-required-totp-enrollment.command';

@injectable()
export class StartRequiredTotpEnrollmentHandler implements MessageHandler<StartRequiredTotpEnrollmentCommand> {
  constructor(@inject(TotpEnrollments) private readonly enrollments: TotpEnrollments) {}

  /** The challenge stays live (it is used up by the confirmation), so a lost QR code can be asked for again. */
  async execute(command: StartRequiredTotpEnrollmentCommand, origin: RequestOrigin): Promise<TotpEnrollment> {
    const { owner, user } = await this.enrollments.challengeOwner(command.challenge, command.tenant);
    return this.enrollments.start(owner, asActor(origin, user.id, user.role));
  }
}
