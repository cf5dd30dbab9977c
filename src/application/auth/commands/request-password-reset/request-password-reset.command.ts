import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/**
 * Mails a one-time password reset link to the user of the tenant with this email, if there is one that may
 * sign in. Answers the same, in the same time, whether or not there is.
 */
export class RequestPasswordResetCommand extends Command<void> {
  constructor(
    readonly tenant: Tenant,
    readonly email: string,
  ) {
    super();
  }
}
