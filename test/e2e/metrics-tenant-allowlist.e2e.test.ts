// The per-tenant metrics opt-in (METRICS_TENANT_ALLOWLIST): the listed tenants' calls are counted under their
// own label, every other tenant's as "other", on one counter only, so the series stay bounded.
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { ConfigError, loadConfig, MAX_METRICS_TENANTS } from '../../src/config/config';
import { failure, headers } from '../support/grpc-clients';
import { uniqueName } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';

const watched = uniqueName('watched').replace(/_/g, '-').slice(0, 40);
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ METRICS_TENANT_ALLOWLIST: ` ${watched}, ${watched}` });
});
afterAll(async () => {
  await t?.dispose();
});

async function scrape(): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${t.app.metricsPort}/metrics`);
  return response.text();
}

const count = (body: string, tenant: string, code: string) => {
  const line = body.split('\n').find((l) => l.startsWith(`userservice_tenant_calls_total{tenant="${tenant}",grpc_code="${code}"}`));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
};

test('calls of a listed tenant are counted by its slug, of any other tenant as "other", with no other tenant label anywhere', async () => {
  await t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug: watched, displayName: 'Watched' }) }, headers({ token: await t.superAdminToken() }));
  const unlisted = await createTenant(t, { slug: 'unlisted' });
  const before = await scrape();

  const ann = newUser('ann');
  const { tokens } = await t.clients.auth.signUp(ann, headers({ tenant: watched }));
  await t.clients.users.getMe({}, headers({ token: tokens!.accessToken, tenant: watched }));
  await failure(t.clients.auth.login({ ...ann, password: 'Not the password 1' }, headers({ tenant: watched })));
  await t.clients.auth.signUp(newUser('bob'), headers({ tenant: unlisted }));
  // A call refused before it resolved a tenant (unknown tenant) is counted for no tenant.
  await failure(t.clients.auth.signUp(newUser('eve'), headers({ tenant: 'no-such-tenant' })));

  const body = await scrape();
  expect({
    watchedOk: count(body, watched, 'OK') - count(before, watched, 'OK'),
    watchedUnauthenticated: count(body, watched, 'UNAUTHENTICATED') - count(before, watched, 'UNAUTHENTICATED'),
    otherOk: count(body, 'other', 'OK') - count(before, 'other', 'OK'),
  }).toEqual({ watchedOk: 2, watchedUnauthenticated: 1, otherOk: 1 });
  const tenantLabels = new Set([...body.matchAll(/tenant="([^"]*)"/g)].map((m) => m[1]));
  expect([...tenantLabels].sort()).toEqual([watched, 'other'].sort());
  expect(body).not.toContain(unlisted);
  expect(body.match(/^[a-z_]+\{[^}]*tenant=/gm)!.every((l) => l.startsWith('userservice_tenant_calls_total{'))).toBe(true);
});

test('the allow-list is validated at start: tenant slugs only, "other" reserved, at most 50', () => {
  const env = (list: string) => ({ METRICS_TENANT_ALLOWLIST: list });
  expect(loadConfig(env('acme, globex ,acme')).metrics.tenantAllowlist).toEqual(['acme', 'globex']);
  expect(loadConfig({}).metrics.tenantAllowlist).toEqual([]);
  for (const bad of ['Acme', 'a"b', 'other', 'postgres', 'x']) {
    expect(() => loadConfig(env(bad))).toThrow(ConfigError);
  }
  const many = Array.from({ length: MAX_METRICS_TENANTS + 1 }, (_, i) => `tenant-${i}`).join(',');
  expect(() => loadConfig(env(many))).toThrow(`at most ${MAX_METRICS_TENANTS} tenants`);
});
