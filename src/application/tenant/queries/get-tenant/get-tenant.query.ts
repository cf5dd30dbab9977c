import { Tenant } from '../../../../domain/tenant/tenant';
import { Query } from '../../../shared/message';

export class GetTenantQuery extends Query<Tenant> {
  constructor(readonly slug: string) {
    super();
  }
}
