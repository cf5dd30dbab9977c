import { spawn } from 'node:child_process';
import path from 'node:path';
import { headers } from '../support/grpc-clients';
import { TEST_SERVER_URL } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, emptyTenantDatabase } from '../support/tenants';

const root = path.resolve(__dirname, '../..');
// Built by test/global-setup.js.
const CLI = path.join(root, 'dist/src/cli/main.js');

let t: TestApp;
let env: NodeJS.ProcessEnv;
const slugs: string[] = [];

/**
 * Runs the built CLI as an operator would, against the running service's master database. Asynchronous,
 * so the in-process service keeps serving meanwhile.
 */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

beforeAll(async () => {
  t = await startTestApp();
  env = { PATH: process.env.PATH, DATABASE_URL: `${TEST_SERVER_URL}/${t.masterDatabase}`, LOG_LEVEL: 'warn' };
  for (let i = 0; i < 30; i += 4) {
    slugs.push(...(await Promise.all(Array.from({ length: Math.min(4, 30 - i) }, () => createTenant(t, { slug: 'cli' })))));
  }
  // A third of the tenants fall behind: their databases are empty again and the registry says so.
  for (const slug of slugs.slice(0, 10)) await emptyTenantDatabase(t, slug);
}, 180_000);
afterAll(async () => {
  await t?.dispose();
});

test('verify finds the tenants that are behind, migrate-tenants brings them current while the service serves, verify passes', async () => {
  const before = await cli('verify');
  expect(before.code).toBe(1);
  expect(before.stdout).toContain('10 of 30 tenant databases are missing or behind');

  const status = JSON.parse((await cli('migration-status', '--json')).stdout) as { latest: string; tenants: Array<{ tenant: string; state: string }> };
  expect(status.tenants.filter((r) => r.state === 'BEHIND').map((r) => r.tenant).sort()).toEqual(slugs.slice(0, 10).sort());

  // Calls keep being served while the migration runs.
  const token = await t.superAdminToken();
  let served = 0;
  let serving = true;
  const load = (async () => {
    while (serving) {
      await t.clients.tenants.getTenant({ slug: slugs[20] }, headers({ token }));
      served += 1;
    }
  })();
  const migrate = await cli('migrate-tenants', '--concurrency', '4');
  serving = false;
  await load;
  expect(migrate.code).toBe(0);
  expect(migrate.stdout).toContain('30 tenants: 10 migrated, 20 up to date, 0 failed');
  expect(migrate.stdout).toMatch(/tenant\s+from\s+to\s+result/);
  expect(migrate.stderr).toContain('30/30');
  expect(served).toBeGreaterThan(0);

  const after = await cli('verify');
  expect(after.code).toBe(0);
  expect(after.stdout).toContain('all 30 tenant databases exist and are current');
  // Resumable: a second run has nothing to do.
  expect((await cli('migrate-tenants')).stdout).toContain('30 tenants: 0 migrated, 30 up to date, 0 failed');
});

test('list-tenants, create-super-admin and migrate', async () => {
  const listed = JSON.parse((await cli('list-tenants', '--json')).stdout) as Array<{ slug: string }>;
  expect(listed.map((r) => r.slug)).toEqual(expect.arrayContaining(slugs));

  env.CLI_PASSWORD = 'operator passphrase 42';
  expect((await cli('create-super-admin', '--email', 'ops@platform.test')).code).toBe(0);
  delete env.CLI_PASSWORD;
  const login = await t.clients.auth.login({ email: 'ops@platform.test', password: 'operator passphrase 42' });
  expect(login.subject?.$case).toBe('platformAdmin');

  expect((await cli('migrate')).stdout).toMatch(/master already at \d+_\w+/);
  const unknown = await cli('no-such-command');
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('usage: npm run cli');
});
