import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { UserView } from '../../user-view';
import { Query } from '../../../shared/message';

/** The calling user. */
export class GetMeQuery extends Query<UserView> {
  constructor(
    readonly tenant: Tenant,
    readonly caller: Principal,
  ) {
    super();
  }
}
