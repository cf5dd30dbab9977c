import { status } from '@grpc/grpc-js';
import { Tenant, TenantStatus } from '../../src/gen/proto/userservice/v1/tenant';
import { failure, headers } from '../support/grpc-clients';
import { statusDetails } from '../support/status-details';
import { uniqueName } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

let t: TestApp;
let admin: ReturnType<typeof headers>;
beforeAll(async () => {
  t = await startTestApp();
  admin = headers({ token: await t.superAdminToken() });
});
afterAll(async () => {
  await t?.dispose();
});

const create = (tenant: Partial<Tenant>) => t.clients.tenants.createTenant({ tenant: Tenant.fromPartial(tenant) }, admin);
const list = (pageSize: number, pageToken = '', tenantStatus = TenantStatus.TENANT_STATUS_UNSPECIFIED) =>
  t.clients.tenants.listTenants({ pageSize, pageToken, status: tenantStatus }, admin);

test('CreateTenant names every invalid field in one answer', async () => {
  const error = await failure(create({ slug: 'Bad Slug!', displayName: '   ' }));
  expect(error.code).toBe(status.INVALID_ARGUMENT);
  expect(statusDetails(error).violations.map((v) => v.field).sort()).toEqual(['tenant.display_name', 'tenant.slug']);
});

test.each([
  ['upper case', 'Acme'],
  ['quotes and semicolons', `acme"; drop database postgres; --`],
  ['a double hyphen', 'acme--corp'],
  ['a unicode look-alike', 'аcme'],
  ['a reserved name', 'postgres'],
  ['a template name', 'template1'],
  ['too long', 'a'.repeat(41)],
  ['too short', 'ab'],
  ['a trailing hyphen', 'acme-'],
])('a slug with %s is refused', async (_case, slug) => {
  const error = await failure(create({ slug, displayName: 'x' }));
  expect(error.code).toBe(status.INVALID_ARGUMENT);
  expect(statusDetails(error).violations[0].field).toBe('tenant.slug');
});

test('self sign-up defaults to on and can be set at creation', async () => {
  const on = await create({ slug: uniqueName('ssu').replace(/_/g, '-'), displayName: 'x' });
  const off = await create({ slug: uniqueName('ssu').replace(/_/g, '-'), displayName: 'x', selfSignUpEnabled: false });
  expect(on.tenant?.selfSignUpEnabled).toBe(true);
  expect(off.tenant?.selfSignUpEnabled).toBe(false);
});

test('UpdateTenant changes only the fields in the mask and refuses unknown or read-only ones', async () => {
  const slug = uniqueName('upd').replace(/_/g, '-');
  await create({ slug, displayName: 'Before' });
  const update = (tenant: Partial<Tenant>, updateMask: string[]) =>
    t.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug, ...tenant }), updateMask }, admin);

  const renamed = await update({ displayName: 'After', selfSignUpEnabled: false }, ['display_name']);
  expect(renamed.tenant).toMatchObject({ displayName: 'After', selfSignUpEnabled: true });

  for (const mask of [[], ['slug'], ['database_server'], ['no_such_field']]) {
    const error = await failure(update({ displayName: 'x' }, mask));
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(statusDetails(error).violations[0].field).toBe('update_mask');
  }
  const badStatus = await failure(update({ status: TenantStatus.TENANT_STATUS_DELETING }, ['status']));
  expect(badStatus.code).toBe(status.INVALID_ARGUMENT);
  const missing = await failure(t.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug: 'no-such-tenant', displayName: 'x' }), updateMask: ['display_name'] }, admin));
  expect(missing.code).toBe(status.NOT_FOUND);
});

test('ListTenants pages through every tenant exactly once, with an empty token only on the last page', async () => {
  const created = new Set<string>();
  for (let i = 0; i < 5; i += 1) created.add((await create({ slug: uniqueName('page').replace(/_/g, '-'), displayName: 'x' })).tenant!.slug);
  const seen: string[] = [];
  let token = '';
  let pages = 0;
  do {
    const page = await list(2, token);
    seen.push(...page.tenants.map((x) => x.slug));
    token = page.nextPageToken;
    pages += 1;
    if (token) expect(page.tenants).toHaveLength(2);
  } while (token);
  expect(new Set(seen).size).toBe(seen.length);
  for (const slug of created) expect(seen).toContain(slug);
  expect(pages).toBe(Math.ceil(seen.length / 2));
});

test('page sizes and page tokens are validated', async () => {
  expect(statusDetails(await failure(list(-1))).violations[0].field).toBe('page_size');
  expect(statusDetails(await failure(list(1, 'garbage'))).violations[0].field).toBe('page_token');
  const first = await list(1);
  // A token from one filter is refused under another.
  const replayed = await failure(list(1, first.nextPageToken, TenantStatus.TENANT_STATUS_ACTIVE));
  expect(replayed.code).toBe(status.INVALID_ARGUMENT);
  expect((await list(1000)).tenants.length).toBeLessThanOrEqual(100);
});

test('GetTenant and DeleteTenant of an unknown tenant are NOT_FOUND', async () => {
  expect((await failure(t.clients.tenants.getTenant({ slug: 'no-such-tenant' }, admin))).code).toBe(status.NOT_FOUND);
  expect((await failure(t.clients.tenants.deleteTenant({ slug: 'no-such-tenant' }, admin))).code).toBe(status.NOT_FOUND);
});
