import { RevokedSessions } from '../../../application/auth/revoked-sessions';
import { DomainError } from '../../../domain/shared/domain-error';
import { CallCheck } from './call-check';

/**
 * An access token works only while its session (the `sid` claim) has not been ended: logout, RevokeSession,
 * RevokeOtherSessions, RevokeUserSessions, a password change. One read of the user's revoked-session list
 * through the tiered cache per call (an in-process hit on the hot path, never a database read there); each
 * revocation drops that entry on every replica after its commit (Redis pub/sub, or the master database's
 * LISTEN/NOTIFY channel while Redis is down), and the in-process TTL bounds the delay if that message is lost.
 *
 * Self-contained: needs only the principal (set by the authentication check) and, for a tenant user, the
 * call's tenant (set by the tenant check). A tenant user's call without `x-tenant-id` reaches only methods
 * that refuse it for want of a tenant, so it is passed on here.
 */
export function revokedSessionCheck(sessions: RevokedSessions): CallCheck {
  // Not async: a list held in memory answers without a promise (the hot path); only a miss waits.
  return (context) => {
    const { principal, tenant } = context;
    if (!principal?.sessionId) return;
    const scope = principal.role === 'SUPER_ADMIN' ? 'platform' : tenant;
    if (!scope) return;
    const known = sessions.isRevokedInMemory(scope, principal.subject, principal.sessionId);
    if (known !== undefined) return refuseIfRevoked(known);
    return sessions.isRevoked(scope, principal.subject, principal.sessionId).then(refuseIfRevoked);
  };
}

function refuseIfRevoked(revoked: boolean): void {
  if (revoked) throw DomainError.unauthenticated('SESSION_REVOKED', 'the session of this access token has been ended; sign in again');
}
