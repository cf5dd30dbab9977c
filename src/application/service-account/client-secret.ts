import { createHmac, randomBytes } from 'node:crypto';

/** The visible prefix of every client secret: secret scanners match `us_sk_` + 43 base64url characters. */
export const CLIENT_SECRET_PREFIX = 'us_sk_';
const SHAPE = /^us_sk_[A-Za-z0-9_-]{43}$/;
/**
 * The HMAC key. It separates these hashes from every other SHA-256 of ours (a client secret's hash can
 * never equal a refresh token's); it is not a secret. A fast hash is enough because the secret is 256
 * random bits: nobody can enumerate them, so the slowness that protects passwords (argon2id) buys nothing
 * here, and a fast, deterministic hash lets the exchange find the credential by an indexed lookup.
 */
const HASH_KEY = 'userservice.v1/service-account-client-secret';

/** A new client secret: the value (shown once), its hash (stored) and its hint (`us_sk_` + 4 characters). */
export function newClientSecret(): { value: string; hash: string; hint: string } {
  const value = `${CLIENT_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { value, hash: hashClientSecret(value), hint: value.slice(0, CLIENT_SECRET_PREFIX.length + 4) };
}

export function hashClientSecret(value: string): string {
  return createHmac('sha256', HASH_KEY).update(value).digest('hex');
}

/** Whether `value` has the shape of one of our client secrets (checked before any lookup). */
export function isClientSecretShaped(value: string): boolean {
  return SHAPE.test(value);
}
