import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A JWT signing key: the private key, its public half, its JWK and its RFC 7638 thumbprint as `kid`. */
export interface SigningKey {
  kid: string;
  algorithm: 'RS256';
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: { kty: string; n: string; e: string; kid: string; use: 'sig'; alg: 'RS256' };
}

export function signingKeyFromPem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error('JWT signing key must be an RSA private key (RS256)');
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
  // RFC 7638: SHA-256 over the required members in lexicographic order.
  const kid = createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n })).digest('base64url');
  return { kid, algorithm: 'RS256', privateKey, publicKey, publicJwk: { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, use: 'sig', alg: 'RS256' } };
}

/**
 * The configured key (JWT_PRIVATE_KEY_FILE), or a development key kept under DATA_DIR/keys, made on
 * first start. Every replica must share the configured key; the development key is for one machine.
 */
export function loadSigningKey(privateKeyFile: string | undefined, dataDir: string): { key: SigningKey; generated: boolean } {
  if (privateKeyFile) return { key: signingKeyFromPem(readFileSync(privateKeyFile, 'utf8')), generated: false };
  const file = path.join(dataDir, 'keys', 'jwt-signing-key.pem');
  if (existsSync(file)) return { key: signingKeyFromPem(readFileSync(file, 'utf8')), generated: false };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, pem, { mode: 0o600 });
  return { key: signingKeyFromPem(pem), generated: true };
}
