import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { parseDisplayName } from '../../../../domain/shared/display-name';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { Tenant } from '../../../../domain/tenant/tenant';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { parseSlugField, tenantNotFound } from '../../tenant-errors';
import { UpdateTenantCommand } from './update-tenant.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class UpdateTenantHandler implements MessageHandler<UpdateTenantCommand> {
  constructor(@inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork) {}

  async execute(command: UpdateTenantCommand, origin: RequestOrigin): Promise<Tenant> {
    const { changes } = command;
    const slug = parseSlugField(command.slug, 'tenant.slug');
    const violations = new FieldViolations();
    const displayName =
      changes.displayName === undefined ? undefined : violations.capture('tenant.display_name', () => parseDisplayName(changes.displayName!));
    violations.throwIfAny();

    return this.units.run('platform', origin, async ({ tenants }) => {
      const tenant = await tenants.findBySlug(slug);
      if (!tenant) throw tenantNotFound(slug);
      if (displayName !== undefined) tenant.rename(displayName);
      if (changes.selfSignUpEnabled !== undefined) tenant.setSelfSignUp(changes.selfSignUpEnabled);
      if (changes.requireVerifiedEmail !== undefined) tenant.setRequireVerifiedEmail(changes.requireVerifiedEmail);
      if (changes.secondFactorRequiredRoles !== undefined) tenant.requireSecondFactorFor(changes.secondFactorRequiredRoles);
      if (changes.status !== undefined) tenant.changeStatus(changes.status);
      const stored = await tenants.save(tenant);
      if (!stored) throw tenantNotFound(slug);
      return stored;
    });
  }
}
