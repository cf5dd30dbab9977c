import { Metadata, status } from '@grpc/grpc-js';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { failure, headers } from '../support/grpc-clients';
import { statusDetails } from '../support/status-details';
import { adminQuery } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { RawClient, deadlineIn } from '../support/security-rpc';
import { TenantServiceService } from '../../src/gen/proto/userservice/v1/tenant_service';
import { UserServiceService } from '../../src/gen/proto/userservice/v1/user_service';
import { createTenant, newUser } from '../support/tenants';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.dispose(); });

const show = (label: string, e: any) => console.log(label, e?.code, status[e?.code], JSON.stringify(e?.details)?.slice(0, 300), JSON.stringify(statusDetails(e)).slice(0, 300));

test('probe', async () => {
  const admin = headers({ token: await t.superAdminToken() });
  const slug = await createTenant(t, { slug: 'probe' });
  const u = newUser('p');
  const su = await t.clients.auth.signUp(u, headers({ tenant: slug }));
  const me = headers({ token: su.tokens!.accessToken, tenant: slug });
  // big message
  show('2MiB', await failure(t.clients.auth.signUp({ ...newUser(), name: 'x'.repeat(2 * 1024 * 1024) }, headers({ tenant: slug }))));
  show('900k name', await failure(t.clients.auth.signUp({ ...newUser(), name: 'x'.repeat(900 * 1024) }, headers({ tenant: slug }))));
  const raw = new RawClient(t.address);
  show('getTenant 100k slug', await failure(raw.call(TenantServiceService.getTenant, { slug: 'a'.repeat(100_000) }, admin, deadlineIn(3000))));
  show('getTenant 7k slug', await failure(raw.call(TenantServiceService.getTenant, { slug: 'a'.repeat(7_000) }, admin, deadlineIn(3000))));
  show('getTenant 20k slug', await failure(raw.call(TenantServiceService.getTenant, { slug: 'a'.repeat(20_000) }, admin, deadlineIn(3000))));
  const raw2 = new RawClient(t.address, { 'grpc.max_metadata_size': 1024 * 1024 });
  show('getTenant 100k slug big client', await failure(raw2.call(TenantServiceService.getTenant, { slug: 'a'.repeat(100_000) }, admin, deadlineIn(3000))));
  console.log('admin still ok', (await t.clients.tenants.getTenant({ slug }, admin)).tenant?.slug);
  show('getTenant empty', await failure(t.clients.tenants.getTenant({ slug: '' }, admin)));
  show('getTenant bad', await failure(t.clients.tenants.getTenant({ slug: "x'; --" }, admin)));
  const big = headers({ token: su.tokens!.accessToken, tenant: slug });
  big.set('x-junk', 'y'.repeat(20 * 1024));
  for (const n of [15, 17, 20, 40, 64, 100, 1000]) { const m = headers({ token: su.tokens!.accessToken, tenant: slug }); m.set('x-junk', 'y'.repeat(n * 1024)); const o = await raw.settle(UserServiceService.getMe, {}, m, deadlineIn(3000)); console.log('junk', n, o.ok ? 'OK' : `${status[o.error.code]} ${o.error.details}`); }
  const big2 = headers({ tenant: slug });
  big2.set('authorization', 'Bearer ' + 'a'.repeat(20 * 1024));
  { const o = await raw.settle(UserServiceService.getMe, {}, big2, deadlineIn(3000)); console.log('20k auth', o.ok ? 'OK' : `${status[o.error.code]} ${o.error.details}`); }
  console.log('after', (await t.clients.users.getMe({}, me)).user?.id);
  const two = headers({ token: su.tokens!.accessToken, tenant: slug });
  two.add('authorization', `Bearer ${su.tokens!.accessToken}`);
  show('two auth', await failure(t.clients.users.getMe({}, two)));
  // email prefix wildcard
  await t.clients.users.createUser({ ...newUser('q'), role: 1 }, me);
  const r = await t.clients.users.listUsers({ pageSize: 0, pageToken: '', role: 0, status: 0, emailPrefix: '%' }, me);
  console.log('wildcard % ->', r.users.length);
  const r2 = await t.clients.users.listUsers({ pageSize: 0, pageToken: '', role: 0, status: 0, emailPrefix: '_' }, me);
  console.log('wildcard _ ->', r2.users.length);
  show('role99', await failure(t.clients.users.listUsers({ pageSize: 0, pageToken: '', role: 99 as any, status: 0, emailPrefix: '' }, me)));
  show('refresh empty', await failure(t.clients.auth.refreshToken({ refreshToken: '' })));
  show('login empty', await failure(t.clients.auth.login({ email: '', password: '' }, headers({ tenant: slug }))));
  // internal error with check violation
  const db = `tenant_${slug.replace(/-/g, '_')}`;
  await adminQuery(`ALTER TABLE users ADD CONSTRAINT no_boom CHECK (name <> 'boom')`, [], db);
  show('check', await failure(t.clients.auth.signUp({ ...newUser(), name: 'boom' }, headers({ tenant: slug }))));
  // allow connections false
  await adminQuery(`ALTER DATABASE ${db} ALLOW_CONNECTIONS false`);
  await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [db]);
  show('noconn login', await failure(t.clients.auth.login(u, headers({ tenant: slug }))));
  show('noconn list', await failure(t.clients.users.listUsers({ pageSize: 0, pageToken: '', role: 0, status: 0, emailPrefix: '' }, me)));
  await adminQuery(`ALTER DATABASE ${db} ALLOW_CONNECTIONS true`);
  await adminQuery(`ALTER DATABASE ${db} RENAME TO ${db}_x`);
  show('renamed login', await failure(t.clients.auth.login(u, headers({ tenant: slug }))));
  await adminQuery(`ALTER DATABASE ${db}_x RENAME TO ${db}`);
  console.log('recovered', (await t.clients.auth.login(u, headers({ tenant: slug }))).subject?.$case);
  for (const l of t.logs.filter((l) => (l.level as number) >= 40 || /GetTenant/.test(String(l.method)))) console.log(JSON.stringify(l).slice(0, 1500));
});
