import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { DomainEvent } from '../../../../domain/events/domain-event';
import { parseDisplayName } from '../../../../domain/shared/display-name';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { Tenant } from '../../../../domain/tenant/tenant';
import { TenantRepository } from '../../../../domain/tenant/tenant-repository';
import { MessageHandler } from '../../../shared/message';
import { TenantDirectory } from '../../tenant-directory';
import { parseSlugField, tenantNotFound } from '../../tenant-errors';
import { UpdateTenantCommand } from './update-tenant.command';

@injectable()
export class UpdateTenantHandler implements MessageHandler<UpdateTenantCommand> {
  constructor(
    @inject(TOKENS.TenantRepository) private readonly tenants: TenantRepository,
    @inject(TOKENS.TenantDirectory) private readonly directory: TenantDirectory,
  ) {}

  async execute(command: UpdateTenantCommand): Promise<Tenant> {
    const { changes } = command;
    const slug = parseSlugField(command.slug, 'tenant.slug');
    const violations = new FieldViolations();
    const displayName =
      changes.displayName === undefined ? undefined : violations.capture('tenant.display_name', () => parseDisplayName(changes.displayName!));
    violations.throwIfAny();

    const tenant = await this.tenants.findBySlug(slug);
    if (!tenant) throw tenantNotFound(slug);
    const before = { displayName: tenant.displayName, selfSignUpEnabled: tenant.selfSignUpEnabled, status: tenant.status };
    if (displayName !== undefined) tenant.rename(displayName);
    if (changes.selfSignUpEnabled !== undefined) tenant.setSelfSignUp(changes.selfSignUpEnabled);
    if (changes.status !== undefined) tenant.changeStatus(changes.status);

    const events: DomainEvent[] = [];
    const changed = [
      ...(before.displayName !== tenant.displayName ? ['display_name'] : []),
      ...(before.selfSignUpEnabled !== tenant.selfSignUpEnabled ? ['self_sign_up_enabled'] : []),
    ];
    if (changed.length > 0) events.push({ type: 'TenantUpdated', targetId: tenant.id, changedFields: changed });
    if (before.status !== tenant.status) events.push({ type: tenant.status === 'SUSPENDED' ? 'TenantSuspended' : 'TenantReactivated', targetId: tenant.id });
    const stored = await this.tenants.update(tenant, events);
    await this.directory.invalidate(tenant.slug);
    if (!stored) throw tenantNotFound(slug);
    return stored;
  }
}
