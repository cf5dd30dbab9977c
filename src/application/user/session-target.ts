import { Principal } from '../../domain/auth/principal';
import { DomainError } from '../../domain/shared/domain-error';
import { Tenant } from '../../domain/tenant/tenant';
import { parseUserId } from './user-id';
import { userNotFound } from './user-errors';
import { UserReader } from './user-reader';
import { UserView } from './user-view';

/**
 * The user whose sessions an OWNER or ADMIN lists or ends: a user of the tenant (NOT_FOUND otherwise) and,
 * for an ADMIN, not an OWNER (the same rule as for every other change to an OWNER).
 */
export async function sessionTarget(users: UserReader, caller: Principal, tenant: Tenant, rawUserId: string): Promise<UserView> {
  const id = parseUserId(rawUserId, 'user_id');
  const target = await users.findById(tenant, id);
  if (!target) throw userNotFound(id);
  if (target.role === 'OWNER' && caller.role !== 'OWNER') {
    throw DomainError.permissionDenied('OWNER_PROTECTED', "only an OWNER may see or end an OWNER's sessions");
  }
  return target;
}
