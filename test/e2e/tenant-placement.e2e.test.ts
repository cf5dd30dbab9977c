import { status } from '@grpc/grpc-js';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { failure, headers } from '../support/grpc-clients';
import { adminQuery, databaseExists, TEST_SERVER_URL, uniqueName } from '../support/test-database';
import { dropAll, startTestApp, TestApp } from '../support/test-app';

const newSlug = () => uniqueName('place').replace(/_/g, '-');

describe('placement on several database servers', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Two named servers (here both on the test PostgreSQL): the registry records the name, never the URL.
    t = await startTestApp({ TENANT_DATABASE_SERVERS: `east=${TEST_SERVER_URL}/postgres,west=${TEST_SERVER_URL}/postgres` });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  test('each new tenant goes to the server holding the fewest tenants', async () => {
    const token = await t.superAdminToken();
    const placed: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const { tenant } = await t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug: newSlug(), displayName: 'x' }) }, headers({ token }));
      placed.push(tenant!.databaseServer);
    }
    expect(placed.filter((s) => s === 'east')).toHaveLength(2);
    expect(placed.filter((s) => s === 'west')).toHaveLength(2);
    const stored = await adminQuery<{ database_server: string }>('SELECT DISTINCT database_server FROM tenants', [], t.masterDatabase);
    expect(stored.rows.map((r) => r.database_server).sort()).toEqual(['east', 'west']);
  });
});

describe('a database server that is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TENANT_DATABASE_SERVERS: 'down=postgresql://postgres@127.0.0.1:1/postgres' });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  test('CreateTenant answers UNAVAILABLE and leaves no ACTIVE tenant and no database behind', async () => {
    const slug = newSlug();
    const admin = headers({ token: await t.superAdminToken() });
    const error = await failure(t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug, displayName: 'x' }) }, admin));
    expect(error.code).toBe(status.UNAVAILABLE);
    expect(error.details).toContain('try again');
    const rows = await adminQuery<{ status: string }>('SELECT status FROM tenants WHERE slug = $1', [slug], t.masterDatabase);
    // Rolled back, or (with the server unreachable even for the rollback) left DELETING for the sweep.
    expect(rows.rows.every((r) => r.status === 'DELETING')).toBe(true);
    expect(await databaseExists(`tenant_${slug.replace(/-/g, '_')}`)).toBe(false);
  });
});

test('the master database is created on first start when the server lacks it', async () => {
  const master = uniqueName('us_fresh');
  expect(await databaseExists(master)).toBe(false);
  const t = await startTestApp({}, master);
  try {
    expect(await databaseExists(master)).toBe(true);
  } finally {
    await t.dispose();
  }
  await dropAll(master);
});
