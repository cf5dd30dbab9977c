import { Principal } from '../../domain/auth/principal';
import { SessionScope } from '../../domain/auth/refresh-token-store';
import { DomainError } from '../../domain/shared/domain-error';
import { isUuid } from '../../domain/shared/uuid-v7';
import { Tenant } from '../../domain/tenant/tenant';

/**
 * Where the caller's own sessions live: the master for a super-admin (who calls without `x-tenant-id`),
 * the tenant's database for a tenant user (who must name the tenant of their token).
 */
export function ownSessionScope(caller: Principal, tenant: Tenant | undefined): SessionScope {
  if (caller.role === 'SUPER_ADMIN') {
    if (tenant) throw DomainError.permissionDenied('PLATFORM_ONLY', "a super-admin's sessions are the platform's: call without x-tenant-id");
    return 'platform';
  }
  if (!tenant) throw DomainError.invalid([{ field: 'x-tenant-id', description: 'metadata is required: send "x-tenant-id: <tenant slug>"' }]);
  return tenant;
}

/** A session id from a request: a UUID (lower-cased), or INVALID_ARGUMENT naming `field`. */
export function parseSessionId(raw: string, field: string): string {
  const id = raw.trim().toLowerCase();
  if (id === '') throw DomainError.invalid([{ field, description: 'is required' }]);
  if (!isUuid(id)) throw DomainError.invalid([{ field, description: 'must be a session id (UUID) from ListMySessions' }]);
  return id;
}

export function sessionNotFound(id: string): DomainError {
  return DomainError.notFound('SESSION_NOT_FOUND', `you have no session '${id}'`);
}
