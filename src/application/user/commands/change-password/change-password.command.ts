import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** Changes the caller's password (the current one is required) and ends every other session. */
export class ChangePasswordCommand extends Command<void> {
  constructor(
    readonly tenant: Tenant,
    readonly caller: Principal,
    readonly currentPassword: string,
    readonly newPassword: string,
  ) {
    super();
  }
}
