import { randomBytes } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { failure, headers } from '../support/grpc-clients';
import { statusDetails } from '../support/status-details';
import { adminQuery, databaseExists } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Two deployments (two registries, i.e. two master databases) sharing one PostgreSQL server: with their own
 * TENANT_DATABASE_PREFIX both can have a tenant `acme-<n>`; with the same prefix the second is refused and
 * the first's database is never adopted, migrated or dropped by it.
 */
const prefixA = `a${randomBytes(4).toString('hex')}_`;
const prefixB = `b${randomBytes(4).toString('hex')}_`;
const slug = `shared-${randomBytes(3).toString('hex')}`;
const dbSuffix = slug.replace(/-/g, '_');
let a: TestApp;
let b: TestApp;
let sameAsA: TestApp;

beforeAll(async () => {
  [a, b, sameAsA] = await Promise.all([
    startTestApp({ TENANT_DATABASE_PREFIX: prefixA }),
    startTestApp({ TENANT_DATABASE_PREFIX: prefixB }),
    startTestApp({ TENANT_DATABASE_PREFIX: prefixA }),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.dispose(), b?.dispose(), sameAsA?.dispose()]);
});

const create = async (t: TestApp) =>
  t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug, displayName: 'Shared Inc.' }) }, headers({ token: await t.superAdminToken() }));

test('deployments with their own prefixes both get a tenant of the same slug, each in its own database', async () => {
  expect((await create(a)).tenant?.status).toBe(2); // TENANT_STATUS_ACTIVE
  expect((await create(b)).tenant?.status).toBe(2);
  expect(await databaseExists(`${prefixA}${dbSuffix}`)).toBe(true);
  expect(await databaseExists(`${prefixB}${dbSuffix}`)).toBe(true);
  const registered = await adminQuery<{ database_name: string }>('SELECT database_name FROM tenants WHERE slug = $1', [slug], a.masterDatabase);
  expect(registered.rows).toEqual([{ database_name: `${prefixA}${dbSuffix}` }]);
});

test("a deployment whose prefix names another registry's database is refused, and that database is left alone", async () => {
  const before = await adminQuery<{ n: string }>('SELECT count(*) AS n FROM users', [], `${prefixA}${dbSuffix}`);
  const error = await failure(create(sameAsA));
  expect(error.code).toBe(status.ALREADY_EXISTS);
  expect(statusDetails(error).reason).toBe('DATABASE_NAME_TAKEN');
  expect(error.details).toContain('belongs to another tenant registry');
  expect(error.details).toContain('TENANT_DATABASE_PREFIX');
  // Not dropped by the refused deployment's rollback, not emptied, and still serving its own tenant.
  expect(await databaseExists(`${prefixA}${dbSuffix}`)).toBe(true);
  expect(await adminQuery<{ n: string }>('SELECT count(*) AS n FROM users', [], `${prefixA}${dbSuffix}`)).toMatchObject({ rows: before.rows });
  const signUp = await a.clients.auth.signUp({ email: 'owner@shared.test', password: 'a sturdy passphrase', name: 'Owner' }, headers({ tenant: slug }));
  expect(signUp.user?.email).toBe('owner@shared.test');
  // The refused tenant is not left in the other registry.
  const left = await adminQuery('SELECT 1 FROM tenants WHERE slug = $1', [slug], sameAsA.masterDatabase);
  expect(left.rowCount).toBe(0);
});
