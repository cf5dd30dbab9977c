import { createHash, createPublicKey, verify } from 'node:crypto';
import { ServiceAccount, ServiceAccountCredential } from '../../domain/service-account/service-account';
import { algorithmOf } from './public-key';

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The longest an assertion may live: they are made for one exchange. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300;
const CLOCK_TOLERANCE_SECONDS = 5;

/** A verified assertion: the key credential that signed it, and the single-use id to claim. */
export interface VerifiedAssertion {
  credential: ServiceAccountCredential;
  /** SHA-256 of credential id and jti: what is recorded as used. */
  replayId: string;
  expiresAt: Date;
}

/**
 * Checks an RFC 7523 client assertion against the account's registered keys: header `alg` (RS256 or ES256,
 * the key's own) and `kid` (a KEY credential of the account that it accepts now), the signature, `iss` and
 * `sub` = the account id, `aud` containing our issuer, `exp` in the future and at most 5 minutes ahead, and a
 * `jti`. Returns undefined for anything wrong: the caller answers one INVALID_CLIENT for every failure.
 */
export function verifyClientAssertion(assertion: string, account: ServiceAccount, audience: string, now: Date): VerifiedAssertion | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3 || assertion.length > 8_192) return undefined;
  const header = decode(parts[0]);
  const claims = decode(parts[1]);
  if (!header || !claims || typeof header.kid !== 'string') return undefined;
  const credential = account.credentials.find((c) => c.id === header.kid && c.kind === 'KEY');
  if (!credential?.publicKeyPem || !account.accepts(credential, now)) return undefined;
  const algorithm = algorithmOf(credential.publicKeyPem);
  if (header.alg !== algorithm) return undefined;
  const key = createPublicKey(credential.publicKeyPem);
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2], 'base64url');
  const valid = algorithm === 'ES256' ? verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, signature) : verify('sha256', signed, key, signature);
  if (!valid) return undefined;
  const nowSeconds = now.getTime() / 1000;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== account.id || claims.sub !== account.id || !audiences.includes(audience)) return undefined;
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_TOLERANCE_SECONDS <= nowSeconds || claims.exp > nowSeconds + MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) return undefined;
  if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_TOLERANCE_SECONDS > nowSeconds) return undefined;
  if (typeof claims.jti !== 'string' || claims.jti.length === 0 || claims.jti.length > 256) return undefined;
  return {
    credential,
    replayId: createHash('sha256').update(`${credential.id}:${claims.jti}`).digest('hex'),
    expiresAt: new Date((claims.exp + CLOCK_TOLERANCE_SECONDS) * 1000),
  };
}

function decode(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
