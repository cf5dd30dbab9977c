import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** Removes the caller's TOTP factor (and any enrollment in progress); needs the password or a current code. */
export class DisableTotpCommand extends Command<void> {
  constructor(
    readonly caller: Principal,
    readonly tenant: Tenant | undefined,
    readonly proof: { password?: string; code?: string },
  ) {
    super();
  }
}
