import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/config';

const root = path.resolve(__dirname, '../../..');

describe('the bootstrap super-admin password follows the users\' password policy', () => {
  const withPassword = (password: string) => () => loadConfig({ BOOTSTRAP_SUPERADMIN_EMAIL: 'ops@example.com', BOOTSTRAP_SUPERADMIN_PASSWORD: password });

  test('a common password is refused, naming the setting', () => {
    expect(withPassword('password1234')).toThrow(ConfigError);
    expect(withPassword('password1234')).toThrow(/^BOOTSTRAP_SUPERADMIN_PASSWORD: is too common/);
  });

  test('a short one too, and a good passphrase passes', () => {
    expect(withPassword('short-pass1')).toThrow('BOOTSTRAP_SUPERADMIN_PASSWORD: must be at least 12 characters');
    expect(withPassword('x'.repeat(129))).toThrow('BOOTSTRAP_SUPERADMIN_PASSWORD: must be at most 128 characters');
    expect(withPassword('correct horse battery staple')().bootstrapSuperAdmin).toEqual({ email: 'ops@example.com', password: 'correct horse battery staple' });
  });

  test('npm run cli -- create-super-admin refuses the same password before touching the database', () => {
    const result = spawnSync(process.execPath, [path.join(root, 'dist/src/cli/main.js'), 'create-super-admin', '--email', 'ops@example.com'], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', CLI_PASSWORD: 'password1234' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^the password is too common/);
  });
});

test('the CLI names an unreachable DATABASE_URL and the fix, without its credentials', () => {
  const result = spawnSync(process.execPath, [path.join(root, 'dist/src/cli/main.js'), 'list-tenants'], {
    env: { PATH: process.env.PATH, DATABASE_URL: 'postgresql://someone:s3cret@127.0.0.1:1/none' },
    encoding: 'utf8',
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^error: DATABASE_URL: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/none \([^)]+\); start PostgreSQL there or correct DATABASE_URL; unset DATABASE_URL to run the embedded PostgreSQL instead\n$/);
  expect(result.stderr).not.toContain('s3cret');
});

test('.env.example and the code agree: an empty value counts as unset', () => {
  const example = readFileSync(path.join(root, '.env.example'), 'utf8');
  expect(example).toContain('An empty value (VARIABLE=) counts as unset');
  expect(example).not.toMatch(/empty value counts as set/i);
  const names = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
  expect(names.length).toBeGreaterThan(40);
  const defaults = loadConfig({});
  expect(loadConfig(Object.fromEntries(names.map((name) => [name, ''])))).toEqual(defaults);
});

test('TENANT_DATABASE_PREFIX defaults to tenant_ and must leave room for a slug within 63 characters', () => {
  expect(loadConfig({}).tenants.databasePrefix).toBe('tenant_');
  expect(loadConfig({ TENANT_DATABASE_PREFIX: 'staging_tenant_' }).tenants.databasePrefix).toBe('staging_tenant_');
  for (const bad of ['Staging_', '1tenant_', 'tenant-', 'x'.repeat(24), 'tenant_;drop']) {
    expect(() => loadConfig({ TENANT_DATABASE_PREFIX: bad })).toThrow(/^TENANT_DATABASE_PREFIX: /);
  }
});
