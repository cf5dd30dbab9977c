import { Principal } from '../../../../domain/auth/principal';
import { ServiceAccount } from '../../../../domain/service-account/service-account';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** Disables a service account of the tenant (or, without one, of the platform). */
export class DisableServiceAccountCommand extends Command<ServiceAccount> {
  constructor(
    readonly actor: Principal,
    readonly tenant: Tenant | undefined,
    readonly serviceAccountId: string,
  ) {
    super();
  }
}
