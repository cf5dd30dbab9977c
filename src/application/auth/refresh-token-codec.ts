import { createHash, randomBytes } from 'node:crypto';

/** The scope name of super-admin sessions; a reserved word that no tenant slug can take. */
export const PLATFORM_SCOPE = 'platform';

/**
 * Refresh tokens are opaque to clients: `<tenant slug or "platform">.<256 random bits, base64url>`. The
 * prefix routes the token to the database holding its session (slugs have no '.'); only a SHA-256 of the
 * whole token is stored — a fast hash suffices for 256 random bits, which no one can guess.
 */
export function newRefreshToken(scope: string): { value: string; hash: string } {
  const value = `${scope}.${randomBytes(32).toString('base64url')}`;
  return { value, hash: hashRefreshToken(value) };
}

export function hashRefreshToken(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The tenant slug (or "platform") a well-formed refresh token names, or undefined for anything malformed. */
export function refreshTokenScope(value: string): string | undefined {
  const match = /^([a-z][a-z0-9-]{1,38}[a-z0-9])\.[A-Za-z0-9_-]{43}$/.exec(value);
  return match?.[1];
}
