import { Principal } from '../../../../domain/auth/principal';
import { ServiceAccount } from '../../../../domain/service-account/service-account';
import { Page } from '../../../../domain/shared/page';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Query } from '../../../shared/message';

/** The service accounts of the tenant (or of the platform), oldest first, one page at a time. */
export class ListServiceAccountsQuery extends Query<Page<ServiceAccount>> {
  constructor(
    readonly actor: Principal,
    readonly tenant: Tenant | undefined,
    readonly pageSize: number,
    readonly pageToken: string,
  ) {
    super();
  }
}
