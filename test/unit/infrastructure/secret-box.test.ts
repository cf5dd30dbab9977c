// TOTP secrets at rest: AES-256-GCM with the configured key, the owner's id as additional data.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/config';
import { loadSecretBox, SecretBox } from '../../../src/infrastructure/crypto/secret-box';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const OWNER = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const key = randomBytes(32);

test('a sealed secret is not the secret, differs at every seal, fits the column, and opens to it', () => {
  const box = new SecretBox(key);
  const sealed = box.seal(SECRET, OWNER);
  expect(sealed).toMatch(/^enc:v1:[0-9a-f]{8}:[A-Za-z0-9_-]+$/);
  expect(sealed).not.toContain(SECRET);
  expect(sealed.length).toBeLessThanOrEqual(255);
  expect(box.seal(SECRET, OWNER)).not.toBe(sealed);
  expect(box.open(sealed, OWNER)).toBe(SECRET);
});

test('another key does not open it', () => {
  const sealed = new SecretBox(key).seal(SECRET, OWNER);
  expect(() => new SecretBox(randomBytes(32)).open(sealed, OWNER)).toThrow(/not configured/);
});

test('altered ciphertext, tag or IV, a truncated value and another owner all fail', () => {
  const box = new SecretBox(key);
  const sealed = box.seal(SECRET, OWNER);
  const prefix = sealed.slice(0, sealed.lastIndexOf(':') + 1);
  const bytes = Buffer.from(sealed.slice(prefix.length), 'base64url');
  for (const at of [0, 12, 28, bytes.length - 1]) {
    const tampered = Buffer.from(bytes);
    tampered[at] ^= 0x01;
    expect(() => box.open(prefix + tampered.toString('base64url'), OWNER)).toThrow();
  }
  expect(() => box.open(prefix + bytes.subarray(0, 20).toString('base64url'), OWNER)).toThrow(/truncated/);
  expect(() => box.open(sealed, '0190a1b2-c3d4-7e5f-8a9b-000000000000')).toThrow();
});

test('a value stored before encryption (plain base32) is read as it is', () => {
  expect(new SecretBox(key).open(SECRET, OWNER)).toBe(SECRET);
  expect(SecretBox.isSealed(SECRET)).toBe(false);
});

test('rotation: a value sealed with a previous key still opens; new values use the current key', () => {
  const old = new SecretBox(key);
  const rotated = new SecretBox(randomBytes(32), [key]);
  expect(rotated.open(old.seal(SECRET, OWNER), OWNER)).toBe(SECRET);
  expect(() => old.open(rotated.seal(SECRET, OWNER), OWNER)).toThrow(/not configured/);
});

test('no key configured: a development key is made once under DATA_DIR/keys (0600) and kept', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secret-box-'));
  const first = loadSecretBox(undefined, [], dir);
  expect(first.generated).toBe(true);
  const file = path.join(dir, 'keys', 'second-factor.key');
  expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const again = loadSecretBox(undefined, [], dir);
  expect(again.generated).toBe(false);
  expect(again.box.open(first.box.seal(SECRET, OWNER), OWNER)).toBe(SECRET);
  // A configured key wins over the file.
  const configured = loadSecretBox(key.toString('base64'), [], dir);
  expect(() => configured.box.open(first.box.seal(SECRET, OWNER), OWNER)).toThrow();
});

test('SECOND_FACTOR_KEY and SECOND_FACTOR_PREVIOUS_KEYS must be 32 bytes in base64, naming the setting', () => {
  expect(() => loadConfig({ SECOND_FACTOR_KEY: 'too-short' })).toThrow(ConfigError);
  expect(() => loadConfig({ SECOND_FACTOR_KEY: randomBytes(16).toString('base64') })).toThrow(/^SECOND_FACTOR_KEY: must be 32 random bytes in base64/);
  expect(() => loadConfig({ SECOND_FACTOR_PREVIOUS_KEYS: `${key.toString('base64')},nope` })).toThrow(/^SECOND_FACTOR_PREVIOUS_KEYS:/);
  expect(loadConfig({ SECOND_FACTOR_KEY: key.toString('base64') }).secondFactor).toEqual({ key: key.toString('base64'), previousKeys: [] });
});
