import { Page } from '../../../../domain/shared/page';
import { Tenant } from '../../../../domain/tenant/tenant';
import { TenantRole, User, UserStatus } from '../../../../domain/user/user';
import { Query } from '../../../shared/message';

/** Users of the tenant in creation order, a page at a time, with optional filters. */
export class ListUsersQuery extends Query<Page<User>> {
  constructor(
    readonly tenant: Tenant,
    readonly pageSize: number,
    readonly pageToken: string,
    readonly filter: { role?: TenantRole; status?: UserStatus; emailPrefix: string },
  ) {
    super();
  }
}
