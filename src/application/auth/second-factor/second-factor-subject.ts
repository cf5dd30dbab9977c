import { Principal } from '../../../domain/auth/principal';
import { SessionScope } from '../../../domain/auth/refresh-token-store';
import { PlatformAdminRepository } from '../../../domain/platform-admin/platform-admin';
import { Tenant } from '../../../domain/tenant/tenant';
import { User } from '../../../domain/user/user';
import { UserRepository } from '../../../domain/user/user-repository';
import { callerNotFound } from '../../user/user-errors';
import { ownSessionScope } from '../session-owner';

/** The caller as the owner of a second factor: where it is stored, its email and password hash. */
export interface FactorOwner {
  scope: SessionScope;
  id: string;
  email: string;
  passwordHash: string;
  /** Label of the issuer in authenticator apps. */
  issuer: string;
  /** The user's tenant role, or SUPER_ADMIN. */
  role: string;
}

export async function factorOwner(caller: Principal, tenant: Tenant | undefined, users: UserRepository, admins: PlatformAdminRepository): Promise<FactorOwner> {
  const scope = ownSessionScope(caller, tenant);
  if (scope === 'platform') {
    const admin = await admins.findById(caller.subject);
    if (!admin) throw callerNotFound();
    return { scope, id: admin.id, email: admin.email, passwordHash: admin.passwordHash, issuer: 'user-service (platform)', role: 'SUPER_ADMIN' };
  }
  const user = await users.findById(scope, caller.subject);
  if (!user || !user.isActive) throw callerNotFound();
  return userFactorOwner(scope, user);
}

/** A tenant user as the owner of a second factor. */
export function userFactorOwner(tenant: Tenant, user: User): FactorOwner {
  return { scope: tenant, id: user.id, email: user.email.value, passwordHash: user.passwordHash, issuer: `user-service (${tenant.slug})`, role: user.role };
}
