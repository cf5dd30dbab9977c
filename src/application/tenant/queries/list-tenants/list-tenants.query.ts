import { Page } from '../../../../domain/shared/page';
import { Tenant, TenantStatus } from '../../../../domain/tenant/tenant';
import { Query } from '../../../shared/message';

/** Tenants in creation order, one page at a time, optionally of one status. */
export class ListTenantsQuery extends Query<Page<Tenant>> {
  constructor(
    readonly pageSize: number,
    readonly pageToken: string,
    readonly status: TenantStatus | undefined,
  ) {
    super();
  }
}
