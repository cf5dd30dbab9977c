import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** Ends one of the caller's own sessions (possibly the current one). */
export class RevokeSessionCommand extends Command<void> {
  constructor(
    readonly caller: Principal,
    readonly tenant: Tenant | undefined,
    readonly sessionId: string,
  ) {
    super();
  }
}
