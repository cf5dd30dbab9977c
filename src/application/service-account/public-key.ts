import { createHash, createPublicKey, KeyObject } from 'node:crypto';
import { DomainError } from '../../domain/shared/domain-error';

/** The algorithm an accepted key signs assertions with. */
export type AssertionAlgorithm = 'RS256' | 'ES256';

/**
 * A public key a service account may register: PEM (SPKI), RSA of at least 2048 bits (RS256) or EC P-256
 * (ES256). Returns the normalised PEM, the algorithm and a hint (the start of its SHA-256 fingerprint).
 */
export function parsePublicKey(pem: string): { pem: string; algorithm: AssertionAlgorithm; hint: string } {
  const bad = (description: string) => DomainError.invalid([{ field: 'public_key_pem', description }]);
  if (pem.length > 10_000 || !pem.includes('-----BEGIN PUBLIC KEY-----')) throw bad('must be a PEM public key ("-----BEGIN PUBLIC KEY-----", SPKI)');
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw bad('is not a readable PEM public key');
  }
  const details = key.asymmetricKeyDetails ?? {};
  let algorithm: AssertionAlgorithm;
  if (key.asymmetricKeyType === 'rsa' && (details.modulusLength ?? 0) >= 2048) algorithm = 'RS256';
  else if (key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1') algorithm = 'ES256';
  else throw bad('must be an RSA key of at least 2048 bits or an EC P-256 key');
  const spki = key.export({ type: 'spki', format: 'der' });
  return {
    pem: key.export({ type: 'spki', format: 'pem' }).toString(),
    algorithm,
    hint: `key_${createHash('sha256').update(spki).digest('hex').slice(0, 12)}`,
  };
}

/** The algorithm a registered (already validated) key verifies. */
export function algorithmOf(pem: string): AssertionAlgorithm {
  return createPublicKey(pem).asymmetricKeyType === 'ec' ? 'ES256' : 'RS256';
}
