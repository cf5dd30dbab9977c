import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Marks a sealed value; a stored value without it is a secret written before encryption (plain base32). */
export const SEALED_PREFIX = 'enc:v1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A key from its base64 text (configuration checks the settings' form; the constructor checks the length). */
function parseSecretKey(base64: string): Buffer {
  return Buffer.from(base64.trim(), 'base64');
}

/** The first 8 hex digits of the key's SHA-256: names the key in a sealed value, so a rotation can keep old ones. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * AES-256-GCM for secrets at rest (the TOTP secrets): `enc:v1:<key id>:<base64url(iv ‖ tag ‖ ciphertext)>`,
 * a fresh 96-bit IV per value, and the owner's id as additional data, so a value copied onto another row
 * does not open. `open` reads values sealed with the current key or a previous one, and returns a value
 * without the prefix as it is (stored before encryption). A wrong key or an altered value throws.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  private readonly currentId: string;

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== KEY_BYTES) throw new Error(`a secret key must be ${KEY_BYTES} bytes`);
      if (!this.keys.has(keyId(key))) this.keys.set(keyId(key), key);
    }
    this.currentId = keyId(current);
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(SEALED_PREFIX);
  }

  seal(plain: string, owner: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentId)!, iv);
    cipher.setAAD(Buffer.from(owner, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${SEALED_PREFIX}${this.currentId}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
  }

  open(stored: string, owner: string): string {
    if (!SecretBox.isSealed(stored)) return stored;
    const [id, body] = stored.slice(SEALED_PREFIX.length).split(':');
    const key = this.keys.get(id);
    if (!key || !body) throw new Error(`a sealed secret names key ${id || '(none)'}, which is not configured (SECOND_FACTOR_KEY, SECOND_FACTOR_PREVIOUS_KEYS)`);
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES) throw new Error('a sealed secret is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(owner, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    // final() throws when the tag does not match: altered ciphertext, another owner or another key.
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

/**
 * The configured key (SECOND_FACTOR_KEY, base64), or a development key kept under DATA_DIR/keys, made on
 * first start (as the JWT signing key is). Every replica must share the configured key.
 */
export function loadSecretBox(configured: string | undefined, previous: readonly string[], dataDir: string): { box: SecretBox; generated: boolean } {
  const older = previous.map(parseSecretKey);
  if (configured) return { box: new SecretBox(parseSecretKey(configured), older), generated: false };
  const file = path.join(dataDir, 'keys', 'second-factor.key');
  if (existsSync(file)) return { box: new SecretBox(parseSecretKey(readFileSync(file, 'utf8')), older), generated: false };
  const key = randomBytes(KEY_BYTES);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  return { box: new SecretBox(key, older), generated: true };
}
