import { Principal } from '../../../../domain/auth/principal';
import { Command } from '../../../shared/message';

/** Changes the calling super-admin's password (the current one is required) and ends their other sessions. */
export class ChangeSuperAdminPasswordCommand extends Command<void> {
  constructor(
    readonly caller: Principal,
    readonly currentPassword: string,
    readonly newPassword: string,
  ) {
    super();
  }
}
