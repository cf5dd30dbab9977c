import { Principal } from '../auth/principal';
import { DomainError } from '../shared/domain-error';
import { TenantRole, User, UserStatus } from './user';

/** Who may do what to whom among a tenant's users (the role policy has already let OWNER and ADMIN in). */
export const UserManagementPolicy = {
  /** Only an OWNER may make an OWNER. */
  assertMayGrant(actor: Principal, role: TenantRole): void {
    if (role === 'OWNER' && actor.role !== 'OWNER') {
      throw DomainError.permissionDenied('OWNER_REQUIRED', 'only an OWNER may make someone an OWNER');
    }
  },

  /** An ADMIN cannot act on an OWNER; nobody changes their own role. */
  assertMayChange(actor: Principal, target: User, change: { role?: TenantRole; status?: UserStatus; email?: string; delete?: boolean }): void {
    if (actor.role !== 'OWNER' && target.role === 'OWNER') {
      throw DomainError.permissionDenied('OWNER_PROTECTED', 'only an OWNER may change or delete an OWNER');
    }
    // With a stolen session alone, a new email plus a password reset would take the account over.
    if (change.email !== undefined && actor.subject === target.id) {
      throw DomainError.permissionDenied('OWN_EMAIL', 'nobody may change their own email with UpdateUser; another OWNER or ADMIN of the tenant can');
    }
    if (change.role !== undefined && change.role !== target.role && actor.subject === target.id) {
      throw DomainError.permissionDenied('OWN_ROLE', 'nobody may change their own role');
    }
    if (change.role !== undefined) UserManagementPolicy.assertMayGrant(actor, change.role);
  },
};
