import { SessionScope } from '../../domain/auth/refresh-token-store';
import { DomainError } from '../../domain/shared/domain-error';
import { Tenant } from '../../domain/tenant/tenant';
import { TenantDirectory } from '../tenant/tenant-directory';
import { TenantSchemaGate } from '../tenant/tenant-schema-gate';
import { PLATFORM_SCOPE, refreshTokenScope } from './refresh-token-codec';

export function invalidRefreshToken(): DomainError {
  return DomainError.unauthenticated('REFRESH_TOKEN_INVALID', 'refresh token is invalid, expired or revoked; sign in again');
}

/**
 * Where a refresh token's session lives: the platform, or an ACTIVE tenant. A malformed token, a token of
 * an unknown tenant, or a token presented with another tenant's `x-tenant-id` is invalid; all get the
 * same answer.
 */
export async function scopeOfRefreshToken(
  token: string,
  headerTenant: Tenant | undefined,
  directory: TenantDirectory,
  schemaGate: TenantSchemaGate,
): Promise<SessionScope> {
  const name = refreshTokenScope(token);
  if (!name || (headerTenant && headerTenant.slug !== name)) throw invalidRefreshToken();
  if (name === PLATFORM_SCOPE) return 'platform';
  if (headerTenant) return headerTenant; // the tenant check has checked it already
  const tenant = await directory.findBySlug(name);
  if (!tenant) throw invalidRefreshToken();
  // The same checks the tenant check applies to calls that name a tenant in metadata.
  tenant.assertServing();
  await schemaGate.ensureCurrent(tenant);
  return tenant;
}
