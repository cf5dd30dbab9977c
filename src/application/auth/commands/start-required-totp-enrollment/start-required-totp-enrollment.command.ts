import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';
import { TotpEnrollment } from '../start-totp-enrollment/start-totp-enrollment.command';

/** With Login's enrollment challenge in place of an access token, starts the TOTP enrollment the tenant requires. */
export class StartRequiredTotpEnrollmentCommand extends Command<TotpEnrollment> {
  constructor(
    readonly tenant: Tenant,
    readonly challenge: string,
  ) {
    super();
  }
}
