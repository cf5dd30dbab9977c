import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { TenantRepository } from '../../../../domain/tenant/tenant-repository';
import { MessageHandler } from '../../../shared/message';
import { TenantDirectory } from '../../tenant-directory';
import { parseSlugField, tenantNotFound } from '../../tenant-errors';
import { TenantProvisioning } from '../../tenant-provisioning';
import { DeleteTenantCommand } from './delete-tenant.command';

@injectable()
export class DeleteTenantHandler implements MessageHandler<DeleteTenantCommand> {
  constructor(
    @inject(TOKENS.TenantRepository) private readonly tenants: TenantRepository,
    @inject(TOKENS.TenantDirectory) private readonly directory: TenantDirectory,
    @inject(TenantProvisioning) private readonly provisioning: TenantProvisioning,
  ) {}

  async execute(command: DeleteTenantCommand): Promise<void> {
    // DELETING first: from here on the tenant serves nothing, and a crash leaves work for the sweep.
    const slug = parseSlugField(command.slug, 'slug');
    const tenant = await this.tenants.markDeleting(slug);
    if (!tenant) throw tenantNotFound(slug);
    await this.directory.invalidate(tenant.slug);
    await this.provisioning.destroy(tenant);
  }
}
