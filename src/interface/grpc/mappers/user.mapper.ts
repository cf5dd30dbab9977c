import { Role as DomainRole } from '../../../domain/auth/principal';
import { Tenant } from '../../../domain/tenant/tenant';
import { TenantRole, UserStatus } from '../../../domain/user/user';
import { UserView } from '../../../application/user/user-view';
import { Role } from '../../../gen/proto/userservice/v1/access';
import { User as UserMessage, UserStatus as UserStatusMessage } from '../../../gen/proto/userservice/v1/user';

const ROLE_TO_PROTO: Record<DomainRole, Role> = {
  SUPER_ADMIN: Role.ROLE_SUPER_ADMIN,
  OWNER: Role.ROLE_OWNER,
  ADMIN: Role.ROLE_ADMIN,
  MEMBER: Role.ROLE_MEMBER,
};
const STATUS_TO_PROTO: Record<UserStatus, UserStatusMessage> = {
  ACTIVE: UserStatusMessage.USER_STATUS_ACTIVE,
  DISABLED: UserStatusMessage.USER_STATUS_DISABLED,
};

/** What a caller may see of a user: never the password hash. */
export function userToProto(user: UserView, tenant: Tenant): UserMessage {
  return {
    id: user.id,
    // One meaning per name across the API: tenant_id is the tenant's id (as in tokens and events), tenant_slug its slug.
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    email: user.email,
    name: user.name,
    role: ROLE_TO_PROTO[user.role],
    status: STATUS_TO_PROTO[user.status],
    createTime: user.createdAt,
    updateTime: user.updatedAt,
    emailVerified: user.emailVerifiedAt !== null,
    emailVerifyTime: user.emailVerifiedAt ?? undefined,
  };
}

/** A tenant role from the proto; undefined for UNSPECIFIED, SUPER_ADMIN or unknown numbers. */
export function tenantRoleFromProto(role: Role): TenantRole | undefined {
  const found = (Object.keys(ROLE_TO_PROTO) as DomainRole[]).find((key) => ROLE_TO_PROTO[key] === role);
  return found === 'SUPER_ADMIN' ? undefined : found;
}

export function userStatusFromProto(status: UserStatusMessage): UserStatus | undefined {
  return (Object.keys(STATUS_TO_PROTO) as UserStatus[]).find((key) => STATUS_TO_PROTO[key] === status);
}
