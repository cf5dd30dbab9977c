import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url (43 characters): what a mailed link carries. */
export function newOneTimeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOneTimeToken(token) };
}

/** The stored form of a one-time token (SHA-256, hex): a leaked table grants nothing. */
export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
