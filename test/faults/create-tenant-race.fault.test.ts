// 20 concurrent CreateTenant calls with one slug, against a master pool far smaller than the burst
// (MASTER_POOL_SIZE=2). test/e2e/tenant-provisioning covers 8 callers with the default pool (10), where
// every caller gets a connection at once; here most callers queue for one, and the losers must still get
// ALREADY_EXISTS (not UNAVAILABLE, INTERNAL or a timeout) while the winner provisions exactly one
// database, and no half-made tenant or database is left behind.
import { ServiceError, status } from '@grpc/grpc-js';
import { Tenant, TenantStatus } from '../../src/gen/proto/userservice/v1/tenant';
import { tenantDatabase } from '../support/fault-postgres';
import { headers } from '../support/grpc-clients';
import { adminQuery, uniqueName } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ MASTER_POOL_SIZE: '2' });
});
afterAll(async () => {
  await t?.dispose();
});

test('of 20 concurrent creates of one slug through a 2-connection master pool, exactly one succeeds and one database exists', async () => {
  const slug = uniqueName('race').replace(/_/g, '-');
  const admin = headers({ token: await t.superAdminToken() });
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, () => t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug, displayName: 'Race' }) }, admin)),
  );
  const codes = results.map((r) => (r.status === 'fulfilled' ? 'OK' : status[(r.reason as ServiceError).code]));
  expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
  expect(codes.filter((c) => c !== 'OK')).toEqual(Array(19).fill('ALREADY_EXISTS'));

  const rows = await adminQuery<{ status: string; database_name: string }>('SELECT status, database_name FROM tenants WHERE slug = $1', [slug], t.masterDatabase);
  expect(rows.rows).toEqual([{ status: 'ACTIVE', database_name: tenantDatabase(slug) }]);
  const databases = await adminQuery('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${tenantDatabase(slug)}%`]);
  expect(databases.rowCount).toBe(1);
  // And the tenant works.
  const got = await t.clients.tenants.getTenant({ slug }, admin);
  expect(got.tenant?.status).toBe(TenantStatus.TENANT_STATUS_ACTIVE);
  await t.clients.auth.signUp({ email: 'first@race.test', password: 'Race winner passphrase', name: 'First' }, headers({ tenant: slug }));
});
