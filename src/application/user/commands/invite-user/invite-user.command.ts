import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Invitation } from '../../../../domain/user/invitation';
import { TenantRole } from '../../../../domain/user/user';
import { Command } from '../../../shared/message';

/** An OWNER or ADMIN invites someone by email with a role (CreateUser's rules: only an OWNER invites an OWNER). */
export class InviteUserCommand extends Command<Invitation> {
  constructor(
    readonly tenant: Tenant,
    readonly actor: Principal,
    readonly email: string,
    readonly name: string,
    /** Undefined when the request named no valid tenant role. */
    readonly role: TenantRole | undefined,
  ) {
    super();
  }
}
