import { Tenant, TenantStatus } from '../../../domain/tenant/tenant';
import { Role } from '../../../gen/proto/userservice/v1/access';
import { Tenant as TenantMessage, TenantStatus as TenantStatusMessage } from '../../../gen/proto/userservice/v1/tenant';

const TO_PROTO: Record<TenantStatus, TenantStatusMessage> = {
  PROVISIONING: TenantStatusMessage.TENANT_STATUS_PROVISIONING,
  ACTIVE: TenantStatusMessage.TENANT_STATUS_ACTIVE,
  SUSPENDED: TenantStatusMessage.TENANT_STATUS_SUSPENDED,
  DELETING: TenantStatusMessage.TENANT_STATUS_DELETING,
};

const ROLE_TO_PROTO = { OWNER: Role.ROLE_OWNER, ADMIN: Role.ROLE_ADMIN, MEMBER: Role.ROLE_MEMBER } as const;

export function tenantToProto(tenant: Tenant): TenantMessage {
  return {
    id: tenant.id,
    slug: tenant.slug,
    displayName: tenant.displayName,
    status: TO_PROTO[tenant.status],
    selfSignUpEnabled: tenant.selfSignUpEnabled,
    requireVerifiedEmail: tenant.requireVerifiedEmail,
    secondFactorRequiredRoles: tenant.secondFactorRequiredRoles.map((role) => ROLE_TO_PROTO[role]),
    databaseServer: tenant.databaseServer,
    createTime: tenant.createdAt,
    updateTime: tenant.updatedAt,
  };
}

/** Proto status → domain status; UNSPECIFIED (and unknown numbers) → undefined. */
export function tenantStatusFromProto(status: TenantStatusMessage): TenantStatus | undefined {
  return (Object.keys(TO_PROTO) as TenantStatus[]).find((key) => TO_PROTO[key] === status);
}
