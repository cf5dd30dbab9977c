import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** Turns the pending enrollment on with a current code; answers the ten recovery codes, shown this once. */
export class ConfirmTotpEnrollmentCommand extends Command<string[]> {
  constructor(
    readonly caller: Principal,
    readonly tenant: Tenant | undefined,
    readonly code: string,
  ) {
    super();
  }
}
