import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { TenantRole, User } from '../../../../domain/user/user';
import { Command } from '../../../shared/message';

/** An admin adds a user with a role. */
export class CreateUserCommand extends Command<User> {
  constructor(
    readonly tenant: Tenant,
    readonly actor: Principal,
    readonly email: string,
    readonly name: string,
    readonly password: string,
    /** Undefined when the request named no valid tenant role. */
    readonly role: TenantRole | undefined,
  ) {
    super();
  }
}
