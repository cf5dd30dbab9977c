// The replica that makes a write cannot reach Redis, while another replica reads through Redis as usual:
// the write cannot drop the shared entry nor tell the other replica. The other replica must still stop
// serving the old state of security-relevant entries (a user's status, a tenant's status) within the
// documented bound, CACHE_L1_TTL_SECONDS (2 s here), not when the Redis entry would have expired
// (CACHE_L2_TTL_SECONDS, 600 s here). The waits below allow several times the bound and far less than 600 s.
import path from 'node:path';
import { status } from '@grpc/grpc-js';
import { Tenant, TenantStatus } from '../../src/gen/proto/userservice/v1/tenant';
import { User, UserStatus } from '../../src/gen/proto/userservice/v1/user';
import { eventually } from '../support/eventually';
import { FaultProxy } from '../support/fault-tcp-proxy';
import { failure, headers } from '../support/grpc-clients';
import { as, signUpActor } from '../support/security-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant } from '../support/tenants';

const BOUND_SECONDS = 2;
const cacheEnv = { CACHE_L1_TTL_SECONDS: String(BOUND_SECONDS), CACHE_NEGATIVE_TTL_SECONDS: String(BOUND_SECONDS), CACHE_L2_TTL_SECONDS: '600' };
let proxy: FaultProxy;
let writer: TestApp;
let reader: TestApp;

beforeAll(async () => {
  proxy = await FaultProxy.start('127.0.0.1', 6379);
  writer = await startTestApp({ ...cacheEnv, REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
  reader = await startTestApp(
    { ...cacheEnv, REDIS_URL: 'redis://127.0.0.1:6379', JWT_PRIVATE_KEY_FILE: path.join(writer.dataDir, 'keys', 'jwt-signing-key.pem') },
    writer.masterDatabase,
  );
});
afterAll(async () => {
  await reader?.stop();
  await writer?.dispose();
  await proxy?.close();
});
afterEach(() => proxy.restore());

/** Keeps the reader reading (so its memory tier refills from Redis) until `check` holds, for several bounds at most. */
const withinBound = <T>(check: () => Promise<T>) => eventually(check, BOUND_SECONDS * 1000 * 5, 100);

test('a user disabled on a replica cut from Redis is refused by another replica within CACHE_L1_TTL_SECONDS', async () => {
  const slug = await createTenant(writer, { slug: 'cut-u' });
  const owner = await signUpActor(writer, slug, 'owner');
  const member = await signUpActor(writer, slug, 'member');
  // The reader has the member in memory and in Redis.
  for (let i = 0; i < 3; i += 1) expect((await reader.clients.users.getMe({}, as(member))).user?.id).toBe(member.id);

  proxy.refuse();
  await writer.clients.users.updateUser({ user: User.fromPartial({ id: member.id, status: UserStatus.USER_STATUS_DISABLED }), updateMask: ['status'] }, as(owner));
  expect((await failure(writer.clients.users.getMe({}, as(member)))).code).toBe(status.UNAUTHENTICATED);

  await withinBound(async () => expect((await failure(reader.clients.users.getMe({}, as(member)))).code).toBe(status.UNAUTHENTICATED));
});

test('a tenant suspended on a replica cut from Redis stops serving on another replica within CACHE_L1_TTL_SECONDS', async () => {
  const slug = await createTenant(writer, { slug: 'cut-t' });
  const owner = await signUpActor(writer, slug, 'owner');
  for (let i = 0; i < 3; i += 1) expect((await reader.clients.users.getMe({}, as(owner))).user?.id).toBe(owner.id);

  proxy.refuse();
  await writer.clients.tenants.updateTenant(
    { tenant: Tenant.fromPartial({ slug, status: TenantStatus.TENANT_STATUS_SUSPENDED }), updateMask: ['status'] },
    headers({ token: await writer.superAdminToken() }),
  );
  expect((await failure(writer.clients.users.getMe({}, as(owner)))).code).toBe(status.FAILED_PRECONDITION);

  await withinBound(async () => expect((await failure(reader.clients.users.getMe({}, as(owner)))).code).toBe(status.FAILED_PRECONDITION));
});
