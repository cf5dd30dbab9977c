import { randomBytes } from 'node:crypto';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { headers } from '../support/grpc-clients';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * One name, one meaning: `tenant_id` is the tenant's id (UUIDv7) wherever the API says it (User, the
 * token's `tid`, audit envelopes), and `tenant_slug` is the slug callers send as `x-tenant-id`.
 * User.tenant_id used to carry the slug.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

test('User.tenant_id, the token tid and the audit envelope tenant_id are the Tenant.id; tenant_slug is the slug', async () => {
  const slug = `meaning-${randomBytes(3).toString('hex')}`;
  const tenant = (await t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug, displayName: 'Meaning' }) }, headers({ token: await t.superAdminToken() }))).tenant!;
  expect(tenant.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);

  const signedUp = await t.clients.auth.signUp({ email: 'olive@meaning.test', password: 'a sturdy passphrase', name: 'Olive' }, headers({ tenant: slug }));
  expect(signedUp.user).toMatchObject({ tenantId: tenant.id, tenantSlug: slug });
  const token = signedUp.tokens!.accessToken;
  expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).tid).toBe(tenant.id);

  const me = await t.clients.users.getMe({}, headers({ token, tenant: slug }));
  expect(me.user).toMatchObject({ tenantId: tenant.id, tenantSlug: slug });

  const events = await t.clients.audit.listAuditEvents({ pageSize: 10, pageToken: '', actorId: '', action: 'UserRegistered' }, headers({ token, tenant: slug }));
  expect(events.events.length).toBeGreaterThan(0);
  for (const event of events.events) expect({ tenantId: event.tenantId, tenantSlug: event.tenantSlug }).toEqual({ tenantId: tenant.id, tenantSlug: slug });
});
