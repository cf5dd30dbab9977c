import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** Ends every session of the caller except the one of the calling access token; how many ended. */
export class RevokeOtherSessionsCommand extends Command<number> {
  constructor(
    readonly caller: Principal,
    readonly tenant: Tenant | undefined,
  ) {
    super();
  }
}
