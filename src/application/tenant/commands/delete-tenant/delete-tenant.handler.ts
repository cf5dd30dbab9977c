import { inject, injectable } from 'inversify';
import { MessageHandler } from '../../../shared/message';
import { RequestOrigin } from '../../../../domain/shared/request-origin';
import { parseSlugField, tenantNotFound } from '../../tenant-errors';
import { TenantProvisioning } from '../../tenant-provisioning';
import { DeleteTenantCommand } from './delete-tenant.command';

@injectable()
export class DeleteTenantHandler implements MessageHandler<DeleteTenantCommand> {
  constructor(@inject(TenantProvisioning) private readonly provisioning: TenantProvisioning) {}

  async execute(command: DeleteTenantCommand, origin: RequestOrigin): Promise<void> {
    // DELETING first: from here on the tenant serves nothing, and a crash leaves work for the sweep.
    const slug = parseSlugField(command.slug, 'slug');
    const tenant = await this.provisioning.beginDeletion(slug, origin);
    if (!tenant) throw tenantNotFound(slug);
    await this.provisioning.destroy(tenant, origin);
  }
}
