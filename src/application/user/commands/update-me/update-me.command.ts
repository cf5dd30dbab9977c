import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { User } from '../../../../domain/user/user';
import { Command } from '../../../shared/message';

/** Changes the caller's own profile. */
export class UpdateMeCommand extends Command<User> {
  constructor(
    readonly tenant: Tenant,
    readonly caller: Principal,
    readonly changes: { name?: string },
  ) {
    super();
  }
}
