// The hot single-user reads (pg-user-queries.ts: prepared statements on the tenant's pg pool, not Prisma's
// query path) against a real tenant database: they return exactly what Prisma returns for the same row,
// field for field and type for type, so a column added to schema.prisma cannot be missed or mistyped here.
import { TenantDirectory } from '../../src/application/tenant/tenant-directory';
import { TOKENS } from '../../src/di/tokens';
import { Tenant } from '../../src/domain/tenant/tenant';
import { userRowByEmail, userRowById } from '../../src/infrastructure/persistence/pg-user-queries';
import { TenantClientManager } from '../../src/infrastructure/tenancy/tenant-client-manager';
import { signUpActor } from '../support/security-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant } from '../support/tenants';

let t: TestApp;
let clients: TenantClientManager;
let tenant: Tenant;

beforeAll(async () => {
  t = await startTestApp();
  clients = t.app.container.get<TenantClientManager>(TOKENS.TenantClients);
  const slug = await createTenant(t, { slug: 'pgreads' });
  tenant = (await t.app.container.get<TenantDirectory>(TOKENS.TenantDirectory).findBySlug(slug))!;
});
afterAll(() => t?.dispose());

test('by id and by email, the prepared statements return the row Prisma returns', async () => {
  const actor = await signUpActor(t, tenant.slug, 'reader');
  await clients.use(tenant, async (prisma, pool) => {
    const viaPrisma = await prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
    const byId = await userRowById(pool, actor.id);
    const byEmail = await userRowByEmail(pool, viaPrisma.emailNormalized);
    expect(byId).toEqual(viaPrisma);
    expect(byEmail).toEqual(viaPrisma);
    expect(Object.keys(byId!).sort()).toEqual(Object.keys(viaPrisma).sort());
    expect(byId!.createdAt).toBeInstanceOf(Date);
  });
});

test('an unknown id or email is undefined, and the statements are reused on the same connections', async () => {
  await clients.use(tenant, async (_prisma, pool) => {
    for (let i = 0; i < 5; i++) {
      expect(await userRowById(pool, '00000000-0000-7000-8000-000000000000')).toBeUndefined();
      expect(await userRowByEmail(pool, `nobody-${i}@example.com`)).toBeUndefined();
    }
  });
});
