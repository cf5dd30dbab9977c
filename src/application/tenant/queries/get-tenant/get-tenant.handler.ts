import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { Tenant } from '../../../../domain/tenant/tenant';
import { TenantRepository } from '../../../../domain/tenant/tenant-repository';
import { MessageHandler } from '../../../shared/message';
import { parseSlugField, tenantNotFound } from '../../tenant-errors';
import { GetTenantQuery } from './get-tenant.query';

@injectable()
export class GetTenantHandler implements MessageHandler<GetTenantQuery> {
  constructor(@inject(TOKENS.TenantRepository) private readonly tenants: TenantRepository) {}

  async execute(query: GetTenantQuery): Promise<Tenant> {
    const slug = parseSlugField(query.slug, 'slug');
    const tenant = await this.tenants.findBySlug(slug);
    if (!tenant) throw tenantNotFound(slug);
    return tenant;
  }
}
