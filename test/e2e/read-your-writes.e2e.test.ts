// Read-your-writes across replicas while Redis is up: once a write has answered OK, every later call on
// any replica sees it, with no TTL wait. Two instances of the service share the master database and
// Redis, as two replicas behind one load balancer do. "Not found" answers are cached for a minute here, so
// a cached one that the write failed to drop shows for far longer than any wait in this file.
import path from 'node:path';
import { status } from '@grpc/grpc-js';
import { Tenant, TenantStatus } from '../../src/gen/proto/userservice/v1/tenant';
import { User } from '../../src/gen/proto/userservice/v1/user';
import { eventually } from '../support/eventually';
import { failure, headers } from '../support/grpc-clients';
import { as, signUpActor } from '../support/security-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';
import { uniqueName } from '../support/test-database';

const env = { REDIS_URL: 'redis://127.0.0.1:6379', CACHE_NEGATIVE_TTL_SECONDS: '60', CACHE_L1_TTL_SECONDS: '60', CACHE_L2_TTL_SECONDS: '600' };
let writer: TestApp;
let other: TestApp;

beforeAll(async () => {
  writer = await startTestApp(env);
  // The same signing key, so that a token issued by one replica is good on the other.
  other = await startTestApp({ ...env, JWT_PRIVATE_KEY_FILE: path.join(writer.dataDir, 'keys', 'jwt-signing-key.pem') }, writer.masterDatabase);
});
afterAll(async () => {
  await other?.stop();
  await writer?.dispose();
});

/** Another replica learns of a write by a message over Redis: a short wait for its delivery, far below any TTL here. */
const delivered = <T>(check: () => Promise<T>) => eventually(check, 3_000, 20);

test('a tenant looked up before it existed is found as soon as CreateTenant answers, on the replica that made it and on another', async () => {
  const slug = uniqueName('ryw').replace(/_/g, '-').slice(0, 40);
  // A sign-up page checks the slug before the tenant exists: both replicas cache "not found".
  for (const t of [writer, other]) {
    expect((await failure(t.clients.auth.signUp(newUser(), headers({ tenant: slug })))).code).toBe(status.NOT_FOUND);
  }
  await writer.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug, displayName: 'Read your writes' }) }, headers({ token: await writer.superAdminToken() }));

  const signedUp = await writer.clients.auth.signUp(newUser(), headers({ tenant: slug }));
  expect(signedUp.user?.id).toBeTruthy();
  await delivered(() => other.clients.auth.signUp(newUser(), headers({ tenant: slug })));
});

test('a renamed, suspended and resumed tenant reads the same on every replica right after each write', async () => {
  const slug = await createTenant(writer, { slug: 'ryw-t' });
  const admin = headers({ token: await writer.superAdminToken() });
  const owner = await signUpActor(writer, slug, 'owner');
  // Warm both replicas' caches with the tenant as it is now.
  await other.clients.users.getMe({}, as(owner));

  await writer.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug, displayName: 'Renamed' }), updateMask: ['display_name'] }, admin);
  expect((await writer.clients.tenants.getTenant({ slug }, admin)).tenant?.displayName).toBe('Renamed');
  await delivered(async () => expect((await other.clients.tenants.getTenant({ slug }, admin)).tenant?.displayName).toBe('Renamed'));

  await writer.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug, status: TenantStatus.TENANT_STATUS_SUSPENDED }), updateMask: ['status'] }, admin);
  expect((await failure(writer.clients.users.getMe({}, as(owner)))).code).toBe(status.FAILED_PRECONDITION);
  await delivered(async () => expect((await failure(other.clients.users.getMe({}, as(owner)))).code).toBe(status.FAILED_PRECONDITION));

  await writer.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug, status: TenantStatus.TENANT_STATUS_ACTIVE }), updateMask: ['status'] }, admin);
  expect((await writer.clients.users.getMe({}, as(owner))).user?.id).toBe(owner.id);
  await delivered(async () => expect((await other.clients.users.getMe({}, as(owner))).user?.id).toBe(owner.id));
});

test('a user renamed and then deleted reads the same on every replica right after each write', async () => {
  const slug = await createTenant(writer, { slug: 'ryw-u' });
  const owner = await signUpActor(writer, slug, 'owner');
  const member = await signUpActor(writer, slug, 'member');
  await other.clients.users.getUser({ userId: member.id }, as(owner));

  await writer.clients.users.updateMe({ user: User.fromPartial({ name: 'New name' }), updateMask: ['name'] }, as(member));
  expect((await writer.clients.users.getUser({ userId: member.id }, as(owner))).user?.name).toBe('New name');
  await delivered(async () => expect((await other.clients.users.getUser({ userId: member.id }, as(owner))).user?.name).toBe('New name'));

  await writer.clients.users.deleteUser({ userId: member.id }, as(owner));
  expect((await failure(writer.clients.users.getMe({}, as(member)))).code).toBe(status.UNAUTHENTICATED);
  await delivered(async () => expect((await failure(other.clients.users.getMe({}, as(member)))).code).toBe(status.UNAUTHENTICATED));
});
