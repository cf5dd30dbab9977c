import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/**
 * Mails a new verification link to the tenant's user with this email, if there is an active one whose
 * email is not verified yet. Answers the same, in the same time, whether or not there is.
 */
export class ResendVerificationCommand extends Command<void> {
  constructor(
    readonly tenant: Tenant,
    readonly email: string,
  ) {
    super();
  }
}
