import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { Tenant } from '../../../../domain/tenant/tenant';
import { TenantRepository } from '../../../../domain/tenant/tenant-repository';
import { MessageHandler } from '../../../shared/message';
import { tenantNotFound } from '../../tenant-errors';
import { GetTenantQuery } from './get-tenant.query';

@injectable()
export class GetTenantHandler implements MessageHandler<GetTenantQuery> {
  constructor(@inject(TOKENS.TenantRepository) private readonly tenants: TenantRepository) {}

  async execute(query: GetTenantQuery): Promise<Tenant> {
    const tenant = await this.tenants.findBySlug(query.slug);
    if (!tenant) throw tenantNotFound(query.slug);
    return tenant;
  }
}
