import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { parseDisplayName } from '../../../../domain/shared/display-name';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { uuidV7 } from '../../../../domain/shared/uuid-v7';
import { Tenant } from '../../../../domain/tenant/tenant';
import { TenantSlug } from '../../../../domain/tenant/tenant-slug';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { TenantProvisioning } from '../../tenant-provisioning';
import { CreateTenantCommand } from './create-tenant.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class CreateTenantHandler implements MessageHandler<CreateTenantCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TenantProvisioning) private readonly provisioning: TenantProvisioning,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: CreateTenantCommand, origin: RequestOrigin): Promise<Tenant> {
    const violations = new FieldViolations();
    const slug = violations.capture('tenant.slug', () => TenantSlug.parse(command.slug));
    const displayName = violations.capture('tenant.display_name', () => parseDisplayName(command.displayName));
    violations.throwIfAny();

    const tenant = Tenant.register({
      id: uuidV7(),
      slug: slug!,
      displayName: displayName!,
      databaseServer: await this.provisioning.chooseServer(),
      selfSignUpEnabled: command.selfSignUpEnabled ?? true,
      now: this.clock.now(),
      databasePrefix: this.provisioning.databasePrefix(),
    });
    // The unique slug makes this the arbiter of concurrent creates: the loser gets ALREADY_EXISTS here,
    // before any database exists, so no orphan database can result.
    await this.units.run('platform', origin, ({ tenants }) => tenants.add(tenant));
    return this.provisioning.provision(tenant, origin);
  }
}
