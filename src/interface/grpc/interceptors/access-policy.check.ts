import { Role } from '../../../domain/auth/principal';
import { DomainError } from '../../../domain/shared/domain-error';
import { AccessPolicy } from '../policy/access-policies';
import { CallCheck } from './call-check';

/** ROLE_NOT_ALLOWED unless `role` is one of the roles the method's proto policy lists. */
export function requireRole(policy: AccessPolicy, role: Role | undefined): void {
  if (role === undefined || !policy.roles.has(role)) {
    throw DomainError.of('ROLE_NOT_ALLOWED', `this method needs one of the roles ${[...policy.roles].join(', ')}`);
  }
}

/**
 * The role the account has now, not the one written into the token: a demoted caller loses methods at once.
 * For the account checks of users and of service accounts.
 */
export function applyCurrentRole(context: Parameters<CallCheck>[0], current: Role): void {
  const principal = context.principal!;
  if (current === principal.role) return;
  requireRole(context.policy, current);
  context.principal = { ...principal, role: current };
}

/**
 * Enforces the roles the proto declares for the method. It runs before the tenant check on
 * purpose: it needs no I/O, and refusing on the role first means a caller without permission never
 * learns whether the tenant it named exists.
 */
export function accessPolicyCheck(): CallCheck {
  return (context) => {
    if (!context.policy.public) requireRole(context.policy, context.principal?.role);
  };
}
