import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { parseDisplayName } from '../../../../domain/shared/display-name';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { Tenant } from '../../../../domain/tenant/tenant';
import { TenantRepository } from '../../../../domain/tenant/tenant-repository';
import { MessageHandler } from '../../../shared/message';
import { TenantDirectory } from '../../tenant-directory';
import { tenantNotFound } from '../../tenant-errors';
import { UpdateTenantCommand } from './update-tenant.command';

@injectable()
export class UpdateTenantHandler implements MessageHandler<UpdateTenantCommand> {
  constructor(
    @inject(TOKENS.TenantRepository) private readonly tenants: TenantRepository,
    @inject(TOKENS.TenantDirectory) private readonly directory: TenantDirectory,
  ) {}

  async execute(command: UpdateTenantCommand): Promise<Tenant> {
    const { changes } = command;
    const violations = new FieldViolations();
    const displayName =
      changes.displayName === undefined ? undefined : violations.capture('tenant.display_name', () => parseDisplayName(changes.displayName!));
    violations.throwIfAny();

    const tenant = await this.tenants.findBySlug(command.slug);
    if (!tenant) throw tenantNotFound(command.slug);
    if (displayName !== undefined) tenant.rename(displayName);
    if (changes.selfSignUpEnabled !== undefined) tenant.setSelfSignUp(changes.selfSignUpEnabled);
    if (changes.status !== undefined) tenant.changeStatus(changes.status);

    const stored = await this.tenants.update(tenant);
    await this.directory.invalidate(tenant.slug);
    if (!stored) throw tenantNotFound(command.slug);
    return stored;
  }
}
