import { ContainerModule } from 'inversify';
import { CreateTenantCommand } from '../../application/tenant/commands/create-tenant/create-tenant.command';
import { CreateTenantHandler } from '../../application/tenant/commands/create-tenant/create-tenant.handler';
import { DeleteTenantCommand } from '../../application/tenant/commands/delete-tenant/delete-tenant.command';
import { DeleteTenantHandler } from '../../application/tenant/commands/delete-tenant/delete-tenant.handler';
import { UpdateTenantCommand } from '../../application/tenant/commands/update-tenant/update-tenant.command';
import { UpdateTenantHandler } from '../../application/tenant/commands/update-tenant/update-tenant.handler';
import { GetTenantHandler } from '../../application/tenant/queries/get-tenant/get-tenant.handler';
import { GetTenantQuery } from '../../application/tenant/queries/get-tenant/get-tenant.query';
import { ListTenantsHandler } from '../../application/tenant/queries/list-tenants/list-tenants.handler';
import { ListTenantsQuery } from '../../application/tenant/queries/list-tenants/list-tenants.query';
import { TenantProvisioning } from '../../application/tenant/tenant-provisioning';
import { TenantProvisioningSweeper } from '../../application/tenant/tenant-provisioning-sweeper';
import { HandlerRegistration } from '../handler-registry';

export const tenantHandlers: HandlerRegistration[] = [
  [CreateTenantCommand, CreateTenantHandler],
  [UpdateTenantCommand, UpdateTenantHandler],
  [DeleteTenantCommand, DeleteTenantHandler],
  [GetTenantQuery, GetTenantHandler],
  [ListTenantsQuery, ListTenantsHandler],
];

/** Tenant life cycle services shared by the handlers and the sweep. */
export const tenantModule = new ContainerModule(({ bind }) => {
  bind(TenantProvisioning).toSelf().inSingletonScope();
  bind(TenantProvisioningSweeper).toSelf().inSingletonScope();
});
