import { Tenant } from '../../../../domain/tenant/tenant';
import { Page } from '../../../../domain/shared/page';
import { Invitation } from '../../../../domain/user/invitation';
import { Query } from '../../../shared/message';

/** The tenant's invitations, newest first, in every state. */
export class ListInvitationsQuery extends Query<Page<Invitation>> {
  constructor(
    readonly tenant: Tenant,
    readonly pageSize: number,
    readonly pageToken: string,
  ) {
    super();
  }
}
