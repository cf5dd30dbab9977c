import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { TenantRole, User, UserStatus } from '../../../../domain/user/user';
import { Command } from '../../../shared/message';

export interface UserChanges {
  name?: string;
  /** A new sign-in email: unverified (a verification message goes to it), older mailed links void. */
  email?: string;
  role?: TenantRole;
  status?: UserStatus;
}

/** An admin changes a user's name, email, role or status. */
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
