import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** An admin deletes a user; their sessions go with them. */
export class DeleteUserCommand extends Command<void> {
  constructor(
    readonly tenant: Tenant,
    readonly actor: Principal,
    readonly userId: string,
  ) {
    super();
  }
}
