import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** Registers a tenant and creates its database; answers once the tenant is ACTIVE. */
export class CreateTenantCommand extends Command<Tenant> {
  constructor(
    readonly slug: string,
    readonly displayName: string,
    readonly selfSignUpEnabled: boolean | undefined,
  ) {
    super();
  }
}
