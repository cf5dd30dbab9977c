import { DomainError } from '../../domain/shared/domain-error';
import { Tenant } from '../../domain/tenant/tenant';
import { TenantDirectory } from '../tenant/tenant-directory';
import { refreshTokenTenant } from './refresh-token-codec';

export function invalidRefreshToken(): DomainError {
  return DomainError.unauthenticated('REFRESH_TOKEN_INVALID', 'refresh token is invalid, expired or revoked; sign in again');
}

/**
 * The ACTIVE tenant a refresh token belongs to. A malformed token, a token of an unknown tenant, or a
 * token presented with another tenant's `x-tenant-id` is invalid; all get the same answer.
 */
export async function tenantOfRefreshToken(token: string, headerTenant: Tenant | undefined, directory: TenantDirectory): Promise<Tenant> {
  const slug = refreshTokenTenant(token);
  if (!slug || (headerTenant && headerTenant.slug !== slug)) throw invalidRefreshToken();
  const tenant = headerTenant ?? (await directory.findBySlug(slug));
  if (!tenant) throw invalidRefreshToken();
  tenant.assertServing();
  return tenant;
}
