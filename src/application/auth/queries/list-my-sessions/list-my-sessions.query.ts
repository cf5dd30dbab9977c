import { Principal } from '../../../../domain/auth/principal';
import { SessionSummary } from '../../../../domain/auth/refresh-token-store';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Query } from '../../../shared/message';

/** The caller's own live sessions (a tenant user's, or a super-admin's without a tenant). */
export class ListMySessionsQuery extends Query<SessionSummary[]> {
  constructor(
    readonly caller: Principal,
    readonly tenant: Tenant | undefined,
  ) {
    super();
  }
}
