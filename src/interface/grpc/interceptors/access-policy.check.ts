import { DomainError } from '../../../domain/shared/domain-error';
import { CallCheck } from './call-check';

/**
 * Enforces the roles the proto declares for the method. It runs before the tenant check on
 * purpose: it needs no I/O, and refusing on the role first means a caller without permission never
 * learns whether the tenant it named exists.
 */
export function accessPolicyCheck(): CallCheck {
  return (context) => {
    const { policy, principal } = context;
    if (policy.public) return;
    if (!principal || !policy.roles.has(principal.role)) {
      throw DomainError.of('ROLE_NOT_ALLOWED', `this method needs one of the roles ${[...policy.roles].join(', ')}`);
    }
  };
}
