import { UserReader } from '../../../application/user/user-reader';
import { UserView } from '../../../application/user/user-view';
import { callerNotFound } from '../../../application/user/user-errors';
import { DomainError } from '../../../domain/shared/domain-error';
import { CallCheck } from './call-check';

/**
 * Last in the chain: a tenant user's access token works only while the account exists and is ACTIVE,
 * and with the role the user has now, not the one written into the token: a demoted admin loses admin
 * methods at once. The check reads through the user cache (an in-process hit on the hot path, decided
 * without a promise); a change invalidates it on every replica, and the in-process TTL bounds the delay if
 * that message is lost.
 */
export function accountCheck(users: UserReader): CallCheck {
  return (context) => {
    const { principal, tenant, policy } = context;
    // Service accounts are checked by serviceAccountCheck (service-account.check.ts).
    if (!principal || !tenant || principal.role === 'SUPER_ADMIN' || principal.kind === 'service_account') return;
    const decide = (user: UserView | null | undefined): void => {
      if (!user || user.status !== 'ACTIVE') throw callerNotFound();
      if (user.role !== principal.role) {
        if (!policy.roles.has(user.role)) {
          throw DomainError.of('ROLE_NOT_ALLOWED', `this method needs one of the roles ${[...policy.roles].join(', ')}`);
        }
        context.principal = { ...principal, role: user.role };
      }
    };
    const known = users.findInMemory(tenant, principal.subject);
    return known === undefined ? users.findById(tenant, principal.subject).then(decide) : decide(known);
  };
}
