import { status } from '@grpc/grpc-js';
import { failure, headers } from '../support/grpc-clients';
import { adminQuery } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, emptyTenantDatabase, newUser } from '../support/tenants';
import { PrismaMigrator } from '../../src/infrastructure/prisma/migrator';

describe.each([
  ['lazy', 'migrates the tenant on first use'],
  ['refuse', 'refuses the tenant with FAILED_PRECONDITION'],
])('TENANT_MIGRATION_MODE=%s', (mode, behaviour) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TENANT_MIGRATION_MODE: mode, CACHE_L1_TTL_SECONDS: '1', CACHE_NEGATIVE_TTL_SECONDS: '1' });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  test(`a tenant whose database is behind the code: the service ${behaviour}, never a query error`, async () => {
    const slug = await createTenant(t, { slug: `behind-${mode}` });
    await emptyTenantDatabase(t, slug);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // let the cached registry entry expire
    const call = t.clients.auth.signUp(newUser(), headers({ tenant: slug }));
    if (mode === 'lazy') {
      expect((await call).user).toBeDefined();
      const row = await adminQuery<{ schema_version: string }>('SELECT schema_version FROM tenants WHERE slug = $1', [slug], t.masterDatabase);
      expect(row.rows[0].schema_version).toBe(new PrismaMigrator().latestMigration('tenant'));
    } else {
      const error = await failure(call);
      expect(error.code).toBe(status.FAILED_PRECONDITION);
      expect(error.details).toContain('run the tenant migrations');
    }
  });
});
