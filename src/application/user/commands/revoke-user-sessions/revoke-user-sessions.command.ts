import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** Ends every session of a user of the tenant (OWNER/ADMIN); how many ended. */
export class RevokeUserSessionsCommand extends Command<number> {
  constructor(
    readonly caller: Principal,
    readonly tenant: Tenant,
    readonly userId: string,
  ) {
    super();
  }
}
