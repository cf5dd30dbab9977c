import { PlatformAdminReader } from '../../../application/platform-admin/platform-admin-reader';
import { UserReader } from '../../../application/user/user-reader';
import { UserView } from '../../../application/user/user-view';
import { callerNotFound } from '../../../application/user/user-errors';
import { applyCurrentRole } from './access-policy.check';
import { CallCheck } from './call-check';

/**
 * Last in the chain: a tenant user's access token works only while the account exists and is ACTIVE,
 * and with the role the user has now, not the one written into the token: a demoted admin loses admin
 * methods at once. The check reads through the user cache (an in-process hit on the hot path, decided
 * without a promise); a change invalidates it on every replica, and the in-process TTL bounds the delay if
 * that message is lost. A super-admin's token works only while the super-admin exists (RemoveSuperAdmin
 * refuses their tokens at once), read the same way through the platform-admin cache.
 */
export function accountCheck(users: UserReader, admins: PlatformAdminReader): CallCheck {
  return (context) => {
    const { principal, tenant } = context;
    // Service accounts are checked by serviceAccountCheck (service-account.check.ts).
    if (!principal || principal.kind === 'service_account') return;
    if (principal.role === 'SUPER_ADMIN') {
      const exists = admins.existsInMemory(principal.subject);
      if (exists !== undefined) return refuseUnlessExists(exists);
      return admins.exists(principal.subject).then(refuseUnlessExists);
    }
    if (!tenant) return;
    const known = users.findInMemory(tenant, principal.subject);
    // No closure on the path from memory (every cached call): the decision is a plain function.
    if (known !== undefined) return decide(context, known);
    return users.findById(tenant, principal.subject).then((user) => decide(context, user));
  };
}

function decide(context: Parameters<CallCheck>[0], user: UserView | null | undefined): void {
  if (!user || user.status !== 'ACTIVE') throw callerNotFound();
  context.account = user;
  applyCurrentRole(context, user.role);
}

function refuseUnlessExists(exists: boolean): void {
  if (!exists) throw callerNotFound();
}
