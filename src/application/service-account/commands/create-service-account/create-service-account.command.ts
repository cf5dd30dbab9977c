import { Principal, Role } from '../../../../domain/auth/principal';
import { ServiceAccount } from '../../../../domain/service-account/service-account';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** Creates a service account of the tenant (or, without one, of the platform). */
export class CreateServiceAccountCommand extends Command<ServiceAccount> {
  constructor(
    readonly actor: Principal,
    readonly tenant: Tenant | undefined,
    readonly name: string,
    readonly description: string,
    readonly role: Role | undefined,
  ) {
    super();
  }
}
