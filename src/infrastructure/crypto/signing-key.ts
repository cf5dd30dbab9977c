import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PublicJwk } from '../../domain/auth/access-token-verifier';

/** A key that verifies access tokens: the public key object (parsed once), its JWK, and `kid`. */
export interface VerificationKey {
  kid: string;
  algorithm: 'RS256';
  publicKey: KeyObject;
  publicJwk: PublicJwk;
}

/** The key that signs new access tokens. */
export interface SigningKey extends VerificationKey {
  privateKey: KeyObject;
}

/** Public half of an RSA key (PEM of a private or a public key); `kid` is its RFC 7638 thumbprint. */
export function verificationKeyFromPem(pem: string): VerificationKey {
  const key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
  if (key.asymmetricKeyType !== 'rsa') throw new Error('JWT keys must be RSA keys (RS256)');
  const jwk = key.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
  // RFC 7638: SHA-256 over the required members in lexicographic order.
  const kid = createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n })).digest('base64url');
  return { kid, algorithm: 'RS256', publicKey: key, publicJwk: { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, use: 'sig', alg: 'RS256' } };
}

export function signingKeyFromPem(pem: string): SigningKey {
  return { ...verificationKeyFromPem(pem), privateKey: createPrivateKey(pem) };
}

/** Extra verification keys (JWT_VERIFICATION_KEY_FILES): retired or upcoming keys during a rotation. */
export function loadVerificationKeys(files: string[]): VerificationKey[] {
  return files.map((file) => verificationKeyFromPem(readFileSync(file, 'utf8')));
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
