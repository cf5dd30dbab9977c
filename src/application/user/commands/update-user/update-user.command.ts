import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { TenantRole, User, UserStatus } from '../../../../domain/user/user';
import { Command } from '../../../shared/message';

export interface UserChanges {
  name?: string;
  role?: TenantRole;
  status?: UserStatus;
}

/** An admin changes a user's name, role or status. */
export class UpdateUserCommand extends Command<User> {
  constructor(
    readonly tenant: Tenant,
    readonly actor: Principal,
    readonly userId: string,
    readonly changes: UserChanges,
  ) {
    super();
  }
}
