import { Principal } from '../../../../domain/auth/principal';
import { Tenant } from '../../../../domain/tenant/tenant';
import { UserView } from '../../user-view';
import { Query } from '../../../shared/message';

/** The calling user. */
export class GetMeQuery extends Query<UserView> {
  constructor(
    readonly tenant: Tenant,
    readonly caller: Principal,
    /** The caller's account as this call already read it (the account check's), so it is not read twice. */
    readonly known?: UserView,
  ) {
    super();
  }
}
