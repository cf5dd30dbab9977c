import { Principal } from '../../../../domain/auth/principal';
import { SessionSummary } from '../../../../domain/auth/refresh-token-store';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Query } from '../../../shared/message';

/** The live sessions of a user of the tenant, for its OWNERs and ADMINs. */
export class ListUserSessionsQuery extends Query<SessionSummary[]> {
  constructor(
    readonly caller: Principal,
    readonly tenant: Tenant,
    readonly userId: string,
  ) {
    super();
  }
}
