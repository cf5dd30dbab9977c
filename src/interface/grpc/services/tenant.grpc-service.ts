import { inject, injectable } from 'inversify';
import { MessageBus } from '../../../application/shared/message-bus';
import { CreateTenantCommand } from '../../../application/tenant/commands/create-tenant/create-tenant.command';
import { DeleteTenantCommand } from '../../../application/tenant/commands/delete-tenant/delete-tenant.command';
import { TenantChanges, UpdateTenantCommand } from '../../../application/tenant/commands/update-tenant/update-tenant.command';
import { GetTenantQuery } from '../../../application/tenant/queries/get-tenant/get-tenant.query';
import { ListTenantsQuery } from '../../../application/tenant/queries/list-tenants/list-tenants.query';
import { TOKENS } from '../../../di/tokens';
import { DomainError } from '../../../domain/shared/domain-error';
import { TenantServiceServer } from '../../../gen/proto/userservice/v1/tenant_service';
import { TenantStatus as TenantStatusMessage } from '../../../gen/proto/userservice/v1/tenant';
import { tenantStatusFromProto, tenantToProto } from '../mappers/tenant.mapper';
import { parseUpdateMask } from '../mappers/update-mask';
import { tenantRoleFromProto } from '../mappers/user.mapper';
import { Role } from '../../../gen/proto/userservice/v1/access';
import { TenantRole } from '../../../domain/user/user-attributes';
import { authenticated } from '../typed-methods';

const UPDATABLE = ['display_name', 'status', 'self_sign_up_enabled', 'require_verified_email', 'second_factor_required_roles'] as const;

/** TenantService: translates requests into tenant commands and queries, and results back. */
@injectable()
export class TenantGrpcService {
  constructor(
    @inject(TOKENS.CommandBus) private readonly commands: MessageBus,
    @inject(TOKENS.QueryBus) private readonly queries: MessageBus,
  ) {}

  implementation(): TenantServiceServer {
    return {
      createTenant: authenticated(async (request, context) => {
        const tenant = request.tenant;
        if (!tenant) throw DomainError.invalid([{ field: 'tenant', description: 'is required' }]);
        const created = await this.commands.execute(new CreateTenantCommand(tenant.slug, tenant.displayName, tenant.selfSignUpEnabled), context);
        return { tenant: tenantToProto(created) };
      }),

      getTenant: authenticated(async (request, context) => ({ tenant: tenantToProto(await this.queries.execute(new GetTenantQuery(request.slug), context)) })),

      listTenants: authenticated(async (request, context) => {
        const status = statusFilter(request.status);
        const page = await this.queries.execute(new ListTenantsQuery(request.pageSize, request.pageToken, status), context);
        return { tenants: page.items.map(tenantToProto), nextPageToken: page.nextCursor ?? '' };
      }),

      updateTenant: authenticated(async (request, context) => {
        const tenant = request.tenant;
        if (!tenant) throw DomainError.invalid([{ field: 'tenant', description: 'is required' }]);
        const mask = parseUpdateMask(request.updateMask, UPDATABLE);
        const changes: TenantChanges = {};
        if (mask.has('display_name')) changes.displayName = tenant.displayName;
        if (mask.has('self_sign_up_enabled')) changes.selfSignUpEnabled = tenant.selfSignUpEnabled ?? false;
        if (mask.has('require_verified_email')) changes.requireVerifiedEmail = tenant.requireVerifiedEmail ?? false;
        if (mask.has('second_factor_required_roles')) changes.secondFactorRequiredRoles = requiredRoles(tenant.secondFactorRequiredRoles);
        if (mask.has('status')) {
          changes.status = tenantStatusFromProto(tenant.status);
          if (!changes.status) throw DomainError.invalid([{ field: 'tenant.status', description: 'must be TENANT_STATUS_ACTIVE or TENANT_STATUS_SUSPENDED' }]);
        }
        return { tenant: tenantToProto(await this.commands.execute(new UpdateTenantCommand(tenant.slug, changes), context)) };
      }),

      deleteTenant: authenticated(async (request, context) => {
        await this.commands.execute(new DeleteTenantCommand(request.slug), context);
        return {};
      }),
    };
  }
}

function statusFilter(status: TenantStatusMessage): ReturnType<typeof tenantStatusFromProto> {
  if (status === TenantStatusMessage.TENANT_STATUS_UNSPECIFIED) return undefined;
  const parsed = tenantStatusFromProto(status);
  if (!parsed) throw DomainError.invalid([{ field: 'status', description: 'is not a known tenant status' }]);
  return parsed;
}

/** The roles a tenant may require a second factor of: tenant roles only. */
function requiredRoles(roles: Role[]): TenantRole[] {
  return roles.map((role, i) => {
    const found = tenantRoleFromProto(role);
    if (!found) throw DomainError.invalid([{ field: `tenant.second_factor_required_roles[${i}]`, description: 'must be ROLE_OWNER, ROLE_ADMIN or ROLE_MEMBER' }]);
    return found;
  });
}
