import { SuperAdminSummary } from '../../../../domain/platform-admin/platform-admin';
import { Page } from '../../../../domain/shared/page';
import { Query } from '../../../shared/message';

/** The platform's super-admins, oldest first, one page at a time (never a password hash). */
export class ListSuperAdminsQuery extends Query<Page<SuperAdminSummary>> {
  constructor(
    readonly pageSize: number,
    readonly pageToken: string,
  ) {
    super();
  }
}
