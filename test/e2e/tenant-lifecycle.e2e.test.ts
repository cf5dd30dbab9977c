import { status } from '@grpc/grpc-js';
import { Tenant, TenantStatus } from '../../src/gen/proto/userservice/v1/tenant';
import { failure, headers } from '../support/grpc-clients';
import { databaseExists, uniqueName } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const slugOf = () => uniqueName('acme').replace(/_/g, '-').slice(0, 40);

test('a super-admin creates, reads, lists, suspends and deletes a tenant with its own database', async () => {
  const { tenants, auth } = t.clients;
  const admin = headers({ token: await t.superAdminToken() });
  const slug = slugOf();

  const created = await tenants.createTenant({ tenant: Tenant.fromPartial({ slug, displayName: 'Acme Inc.' }) }, admin);
  expect(created.tenant).toMatchObject({ slug, displayName: 'Acme Inc.', status: TenantStatus.TENANT_STATUS_ACTIVE, selfSignUpEnabled: true, databaseServer: 'default' });
  const databaseName = `tenant_${slug.replace(/-/g, '_')}`;
  expect(await databaseExists(databaseName)).toBe(true);

  const got = await tenants.getTenant({ slug }, admin);
  expect(got.tenant?.id).toBe(created.tenant?.id);
  const listed = await tenants.listTenants({ pageSize: 0, pageToken: '', status: TenantStatus.TENANT_STATUS_UNSPECIFIED }, admin);
  expect(listed.tenants.map((x) => x.slug)).toContain(slug);

  // An ACTIVE tenant serves its users.
  const user = { email: 'owner@acme.test', password: 'Acme owner passphrase', name: 'Owner' };
  await auth.signUp(user, headers({ tenant: slug }));
  expect((await auth.login(user, headers({ tenant: slug }))).subject?.$case).toBe('user');

  const suspended = await tenants.updateTenant({ tenant: Tenant.fromPartial({ slug, status: TenantStatus.TENANT_STATUS_SUSPENDED }), updateMask: ['status'] }, admin);
  expect(suspended.tenant?.status).toBe(TenantStatus.TENANT_STATUS_SUSPENDED);
  const refused = await failure(auth.login(user, headers({ tenant: slug })));
  expect(refused.code).toBe(status.FAILED_PRECONDITION);
  expect(refused.details).toContain('suspended');

  await tenants.deleteTenant({ slug }, admin);
  expect(await databaseExists(databaseName)).toBe(false);
  expect((await failure(tenants.getTenant({ slug }, admin))).code).toBe(status.NOT_FOUND);
  expect((await failure(auth.login({ email: 'a@b.test', password: 'x' }, headers({ tenant: slug })))).code).toBe(status.NOT_FOUND);
});
