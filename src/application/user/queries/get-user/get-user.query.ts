import { Tenant } from '../../../../domain/tenant/tenant';
import { UserView } from '../../user-view';
import { Query } from '../../../shared/message';

/** One user of the tenant, by id. */
export class GetUserQuery extends Query<UserView> {
  constructor(
    readonly tenant: Tenant,
    readonly userId: string,
  ) {
    super();
  }
}
