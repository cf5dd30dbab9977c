import { ServiceAccountReader } from '../../../application/service-account/service-account-reader';
import { callerNotFound } from '../../../application/user/user-errors';
import { DomainError } from '../../../domain/shared/domain-error';
import { applyCurrentRole } from './access-policy.check';
import { CallCheck } from './call-check';

/**
 * Methods whose access policy says `people_only` (own profile, own password, sessions) refuse a service
 * account's token, whatever its role. Synchronous: it needs only the token and the policy.
 */
export function peopleOnlyCheck(): CallCheck {
  return (context) => {
    if (context.policy.peopleOnly && context.principal?.kind === 'service_account') {
      throw DomainError.of('PEOPLE_ONLY', `${context.policy.method} may be called only by people; a service account cannot call it`);
    }
  };
}

/**
 * A service account's access token works only while the account exists and is ACTIVE, and with the role
 * the account has now: as the account check does for users (account.check.ts), through the tiered cache,
 * which every change to the account invalidates on every replica. Self-contained: it looks only at
 * service accounts' calls, and the account check skips them.
 */
export function serviceAccountCheck(accounts: ServiceAccountReader): CallCheck {
  // Not async: a person's call (all but a few) passes without a promise.
  return (context) => {
    const { principal, tenant } = context;
    if (principal?.kind !== 'service_account') return;
    // A tenant's account on a call naming no tenant reaches no tenant data (as for users in the account
    // check): every method of tenant scope OPTIONAL refuses a tenant role without x-tenant-id.
    if (principal.tenantId && !tenant) return;
    return accounts.findState(tenant ?? 'platform', principal.subject).then((state) => {
      if (!state || state.status !== 'ACTIVE') throw callerNotFound();
      applyCurrentRole(context, state.role);
    });
  };
}
