import { Principal } from '../../../../domain/auth/principal';
import { Page } from '../../../../domain/shared/page';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Query } from '../../../shared/message';
import { AuditEntry } from '../../audit-log';

/** Audit events, newest first: of `tenant` for its OWNER/ADMIN, of the platform for a super-admin. */
export class ListAuditEventsQuery extends Query<Page<AuditEntry>> {
  constructor(
    readonly caller: Principal,
    readonly tenant: Tenant | undefined,
    readonly pageSize: number,
    readonly pageToken: string,
    readonly filter: { actorId: string; action: string; from?: Date; to?: Date },
  ) {
    super();
  }
}
