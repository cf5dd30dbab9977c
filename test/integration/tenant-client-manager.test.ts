import { uuidV7 } from '../../src/domain/shared/uuid-v7';
import { Tenant } from '../../src/domain/tenant/tenant';
import { TenantSlug } from '../../src/domain/tenant/tenant-slug';
import { PrismaMigrator } from '../../src/infrastructure/prisma/migrator';
import { DatabaseServers } from '../../src/infrastructure/tenancy/database-servers';
import { TenantClientManager } from '../../src/infrastructure/tenancy/tenant-client-manager';
import { adminQuery, dropDatabase, TEST_SERVER_URL, uniqueName } from '../support/test-database';

const tenants: Tenant[] = [];
const servers = new DatabaseServers([{ name: 'default', url: `${TEST_SERVER_URL}/postgres` }]);

beforeAll(async () => {
  for (let i = 0; i < 3; i += 1) {
    const slug = TenantSlug.parse(uniqueName('tcm').replace(/_/g, '-'));
    const tenant = Tenant.register({ id: uuidV7(), slug, displayName: 'x', databaseServer: 'default', selfSignUpEnabled: true, now: new Date() });
    await adminQuery(`CREATE DATABASE "${tenant.databaseName}"`);
    await new PrismaMigrator().migrate(servers.databaseUrl('default', tenant.databaseName), 'tenant');
    tenants.push(tenant);
  }
});
afterAll(async () => {
  for (const tenant of tenants) await dropDatabase(tenant.databaseName);
  await servers.close();
});

/** Connections the server holds to a database, from pg_stat_activity. */
async function connectionsTo(database: string): Promise<number> {
  const { rows } = await adminQuery<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [database]);
  return Number(rows[0].n);
}

test('concurrent first calls for one tenant share one client and stay within its pool', async () => {
  const manager = new TenantClientManager(servers, 10, 2);
  const counts = await Promise.all(Array.from({ length: 20 }, () => manager.use(tenants[0], (db) => db.user.count())));
  expect(counts).toEqual(Array(20).fill(0));
  expect(manager.stats().open).toBe(1);
  expect(await connectionsTo(tenants[0].databaseName)).toBeLessThanOrEqual(2);
  await manager.closeAll();
});

test('over capacity the least recently used client is evicted and its connections closed', async () => {
  const manager = new TenantClientManager(servers, 2, 1);
  await manager.use(tenants[0], (db) => db.user.count());
  await manager.use(tenants[1], (db) => db.user.count());
  await manager.use(tenants[0], (db) => db.user.count()); // tenant 0 is now the most recent
  expect(await connectionsTo(tenants[1].databaseName)).toBe(1);

  await manager.use(tenants[2], (db) => db.user.count());
  expect(manager.stats()).toMatchObject({ open: 2, evictions: 1 });
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await connectionsTo(tenants[1].databaseName)).toBe(0);
  expect(await connectionsTo(tenants[0].databaseName)).toBe(1);
  await manager.closeAll();
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await connectionsTo(tenants[0].databaseName)).toBe(0);
});

test('a client evicted while in use finishes its call before closing', async () => {
  const manager = new TenantClientManager(servers, 1, 1);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const slow = manager.use(tenants[0], async (db) => {
    await gate;
    return db.user.count();
  });
  await manager.use(tenants[1], (db) => db.user.count()); // evicts tenant 0 while its call waits
  release();
  await expect(slow).resolves.toBe(0);
  await manager.closeAll();
});
