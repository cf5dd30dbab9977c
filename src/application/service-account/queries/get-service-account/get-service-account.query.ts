import { Principal } from '../../../../domain/auth/principal';
import { ServiceAccount } from '../../../../domain/service-account/service-account';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Query } from '../../../shared/message';

/** One service account of the tenant (or of the platform), by id. */
export class GetServiceAccountQuery extends Query<ServiceAccount> {
  constructor(
    readonly actor: Principal,
    readonly tenant: Tenant | undefined,
    readonly serviceAccountId: string,
  ) {
    super();
  }
}
