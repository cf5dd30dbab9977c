import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/**
 * Sets a new password with a password reset token: the token is used up, every session of the user ends,
 * their sign-in lockout is cleared, and a PasswordReset event is recorded.
 */
export class ResetPasswordCommand extends Command<void> {
  constructor(
    readonly tenant: Tenant,
    readonly token: string,
    readonly newPassword: string,
  ) {
    super();
  }
}
