import { createHash, randomBytes } from 'node:crypto';

/**
 * Refresh tokens are opaque to clients: `<tenant slug>.<256 random bits, base64url>`. The slug routes the
 * token to its tenant's database (slugs have no '.'); only a SHA-256 of the whole token is stored — a
 * fast hash suffices for 256 random bits, which no one can guess or brute-force.
 */
export function newRefreshToken(tenantSlug: string): { value: string; hash: string } {
  const value = `${tenantSlug}.${randomBytes(32).toString('base64url')}`;
  return { value, hash: hashRefreshToken(value) };
}

export function hashRefreshToken(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The tenant slug a well-formed refresh token names, or undefined for anything malformed. */
export function refreshTokenTenant(value: string): string | undefined {
  const match = /^([a-z][a-z0-9-]{1,38}[a-z0-9])\.[A-Za-z0-9_-]{43}$/.exec(value);
  return match?.[1];
}
