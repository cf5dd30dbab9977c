import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** Marks the email of the token's user verified (EmailVerified); the token is then used up. */
export class VerifyEmailCommand extends Command<void> {
  constructor(
    readonly tenant: Tenant,
    readonly token: string,
  ) {
    super();
  }
}
