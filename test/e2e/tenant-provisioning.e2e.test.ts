import { status } from '@grpc/grpc-js';
import { TenantProvisioningSweeper } from '../../src/application/tenant/tenant-provisioning-sweeper';
import { uuidV7 } from '../../src/domain/shared/uuid-v7';
import { Tenant, TenantStatus } from '../../src/gen/proto/userservice/v1/tenant';
import { failure, headers } from '../support/grpc-clients';
import { statusDetails } from '../support/status-details';
import { adminQuery, databaseExists, uniqueName } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { eventually } from '../support/eventually';
import { PrismaMigrator } from '../../src/infrastructure/prisma/migrator';

const LATEST = new PrismaMigrator().latestMigration('tenant');

let t: TestApp;
beforeAll(async () => {
  // Tenants untouched for a second count as abandoned by a dead process.
  t = await startTestApp({ PROVISIONING_STALE_SECONDS: '1' });
});
afterAll(async () => {
  await t?.dispose();
});

const newSlug = () => uniqueName('prov').replace(/_/g, '-');
const dbName = (slug: string) => `tenant_${slug.replace(/-/g, '_')}`;
const createTenant = async (slug: string) =>
  t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug, displayName: slug }) }, headers({ token: await t.superAdminToken() }));
const tenantRow = async (slug: string) => (await adminQuery<{ status: string; schema_version: string | null }>('SELECT status, schema_version FROM tenants WHERE slug = $1', [slug], t.masterDatabase)).rows[0];
const userTableExists = async (database: string) =>
  (await adminQuery("SELECT 1 FROM information_schema.tables WHERE table_name = 'users'", [], database)).rowCount === 1;

/**
 * Sweeps until `check` passes. The periodic sweep runs too, and may be mid-way through a pass that began
 * before the test's row existed; the guarantee is that some pass repairs it.
 */
const sweepUntil = (check: () => Promise<void>) =>
  eventually(async () => {
    await t.app.container.get(TenantProvisioningSweeper).sweep();
    await check();
  });

/** Writes a registry row as a process that died mid-way would have left it. */
async function abandonedTenant(slug: string, state: 'PROVISIONING' | 'DELETING'): Promise<string> {
  const id = uuidV7();
  await adminQuery(
    `INSERT INTO tenants (id, slug, display_name, status, database_name, database_server, updated_at)
     VALUES ($1, $2, $2, $3, $4, 'default', now() - interval '1 hour')`,
    [id, slug, state, dbName(slug)],
    t.masterDatabase,
  );
  return id;
}

test('of concurrent creates with one slug exactly one succeeds, the others get ALREADY_EXISTS, and one database exists', async () => {
  const slug = newSlug();
  const results = await Promise.allSettled(Array.from({ length: 8 }, () => createTenant(slug)));
  const succeeded = results.filter((r) => r.status === 'fulfilled');
  const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: number }).code] : []));
  expect(succeeded).toHaveLength(1);
  expect(codes).toEqual(Array(7).fill(status.ALREADY_EXISTS));
  expect(await tenantRow(slug)).toMatchObject({ status: 'ACTIVE' });
  const databases = await adminQuery('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${dbName(slug)}%`]);
  expect(databases.rowCount).toBe(1);
});

test('a tenant left PROVISIONING without a database is finished by the sweep: database created and migrated, ACTIVE', async () => {
  const slug = newSlug();
  await abandonedTenant(slug, 'PROVISIONING');
  const refused = await failure(t.clients.auth.login({ email: 'a@b.test', password: 'x' }, headers({ tenant: slug })));
  expect(refused.code).toBe(status.UNAVAILABLE);

  await sweepUntil(async () => expect(await tenantRow(slug)).toMatchObject({ status: 'ACTIVE', schema_version: LATEST }));
  expect(await userTableExists(dbName(slug))).toBe(true);
});

test('a tenant not ready answers TENANT_NOT_READY with one code, UNAVAILABLE, to a call and to a status change', async () => {
  const slug = newSlug();
  // DELETING, and recently touched (an hour ahead), so the sweep leaves it alone while the test runs.
  await adminQuery(
    `INSERT INTO tenants (id, slug, display_name, status, database_name, database_server, updated_at)
     VALUES ($1, $2, $2, 'DELETING', $3, 'default', now() + interval '1 hour')`,
    [uuidV7(), slug, dbName(slug)],
    t.masterDatabase,
  );
  try {
    const call = await failure(t.clients.auth.login({ email: 'a@b.test', password: 'x' }, headers({ tenant: slug })));
    const suspend = await failure(
      t.clients.tenants.updateTenant(
        { tenant: Tenant.fromPartial({ slug, status: TenantStatus.TENANT_STATUS_SUSPENDED }), updateMask: ['status'] },
        headers({ token: await t.superAdminToken() }),
      ),
    );
    for (const refused of [call, suspend]) {
      expect({ code: status[refused.code], reason: statusDetails(refused).reason }).toEqual({ code: 'UNAVAILABLE', reason: 'TENANT_NOT_READY' });
    }
  } finally {
    await adminQuery("UPDATE tenants SET updated_at = now() - interval '1 hour' WHERE slug = $1", [slug], t.masterDatabase); // the sweep removes it
  }
});

test('a tenant left PROVISIONING with a half-made (empty) database gets it migrated in place', async () => {
  const slug = newSlug();
  const id = await abandonedTenant(slug, 'PROVISIONING');
  // Died after creating (and marking) its database, before migrating it.
  await adminQuery(`CREATE DATABASE "${dbName(slug)}"`);
  await adminQuery(`COMMENT ON DATABASE "${dbName(slug)}" IS 'userservice tenant ${id}'`);
  expect(await userTableExists(dbName(slug))).toBe(false);

  await sweepUntil(async () => expect(await tenantRow(slug)).toMatchObject({ status: 'ACTIVE' }));
  expect(await userTableExists(dbName(slug))).toBe(true);
});

test('a tenant left DELETING is deleted by the sweep: database dropped, registry row gone', async () => {
  const slug = newSlug();
  await createTenant(slug);
  await adminQuery("UPDATE tenants SET status = 'DELETING', updated_at = now() - interval '1 hour' WHERE slug = $1", [slug], t.masterDatabase);

  await sweepUntil(async () => expect(await tenantRow(slug)).toBeUndefined());
  expect(await databaseExists(dbName(slug))).toBe(false);
});

test('a tenant being provisioned right now is not swept', async () => {
  const slug = newSlug();
  await adminQuery(
    `INSERT INTO tenants (id, slug, display_name, status, database_name, database_server) VALUES ($1, $2, $2, 'PROVISIONING', $3, 'default')`,
    [uuidV7(), slug, dbName(slug)],
    t.masterDatabase,
  );
  await t.app.container.get(TenantProvisioningSweeper).sweep();
  expect(await tenantRow(slug)).toMatchObject({ status: 'PROVISIONING' });
  expect(await databaseExists(dbName(slug))).toBe(false);
  await adminQuery('DELETE FROM tenants WHERE slug = $1', [slug], t.masterDatabase);
});

test('the tenant database is a usable, migrated database owned by nobody else', async () => {
  const slug = newSlug();
  const created = await createTenant(slug);
  expect(created.tenant?.status).toBe(TenantStatus.TENANT_STATUS_ACTIVE);
  expect(await userTableExists(dbName(slug))).toBe(true);
  const migrations = await adminQuery<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations', [], dbName(slug));
  expect(migrations.rows.map((r) => r.migration_name).sort().pop()).toBe(LATEST);
});

test('a database of that name that is not the tenant’s own is neither adopted nor dropped', async () => {
  const slug = newSlug();
  await adminQuery(`CREATE DATABASE "${dbName(slug)}"`); // someone else's
  try {
    const error = await failure(createTenant(slug));
    expect(error.code).toBe(status.ALREADY_EXISTS);
    expect(await databaseExists(dbName(slug))).toBe(true);
    expect(await tenantRow(slug)).toBeUndefined();
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${dbName(slug)}"`);
  }
});
