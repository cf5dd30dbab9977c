// The replica that makes a write cannot reach Redis, while another replica reads through Redis as usual:
// the write cannot drop the shared entry nor tell the other replica through Redis. The other replica must
// still stop serving the old state (a user's status, a tenant's status) at once: the writer sends the keys
// over the master database's LISTEN/NOTIFY, and the other replica drops them from its memory and, since it
// reaches Redis, from the shared tier. Before, it served the old state until the Redis entry expired
// (CACHE_L2_TTL_SECONDS, 600 s here). A third replica that never saw the write's notice through Redis reads
// the new state too. The waits below are for a message's delivery, far below any TTL here (60 s in memory).
// Without any Redis, two replicas get the same from the database channel alone.
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

const cacheEnv = { CACHE_L1_TTL_SECONDS: '60', CACHE_NEGATIVE_TTL_SECONDS: '60', CACHE_L2_TTL_SECONDS: '600' };
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

/** A message's delivery to another replica: a short wait, far below every TTL here. */
const delivered = <T>(check: () => Promise<T>) => eventually(check, 3_000, 20);

test('a user disabled on a replica cut from Redis is refused by another replica at once', async () => {
  const slug = await createTenant(writer, { slug: 'cut-u' });
  const owner = await signUpActor(writer, slug, 'owner');
  const member = await signUpActor(writer, slug, 'member');
  // The reader has the member in memory and in Redis.
  for (let i = 0; i < 3; i += 1) expect((await reader.clients.users.getMe({}, as(member))).user?.id).toBe(member.id);

  proxy.refuse();
  await writer.clients.users.updateUser({ user: User.fromPartial({ id: member.id, status: UserStatus.USER_STATUS_DISABLED }), updateMask: ['status'] }, as(owner));
  expect((await failure(writer.clients.users.getMe({}, as(member)))).code).toBe(status.UNAUTHENTICATED);

  await delivered(async () => expect((await failure(reader.clients.users.getMe({}, as(member)))).code).toBe(status.UNAUTHENTICATED));
});

test('a tenant suspended on a replica cut from Redis stops serving on another replica at once', async () => {
  const slug = await createTenant(writer, { slug: 'cut-t' });
  const owner = await signUpActor(writer, slug, 'owner');
  for (let i = 0; i < 3; i += 1) expect((await reader.clients.users.getMe({}, as(owner))).user?.id).toBe(owner.id);

  proxy.refuse();
  await writer.clients.tenants.updateTenant(
    { tenant: Tenant.fromPartial({ slug, status: TenantStatus.TENANT_STATUS_SUSPENDED }), updateMask: ['status'] },
    headers({ token: await writer.superAdminToken() }),
  );
  expect((await failure(writer.clients.users.getMe({}, as(owner)))).code).toBe(status.FAILED_PRECONDITION);

  await delivered(async () => expect((await failure(reader.clients.users.getMe({}, as(owner)))).code).toBe(status.FAILED_PRECONDITION));
});

test('without Redis at all, a user disabled on one replica is refused by another at once', async () => {
  const keyFile = path.join(writer.dataDir, 'keys', 'jwt-signing-key.pem');
  const first = await startTestApp({ ...cacheEnv, JWT_PRIVATE_KEY_FILE: keyFile }, writer.masterDatabase);
  const second = await startTestApp({ ...cacheEnv, JWT_PRIVATE_KEY_FILE: keyFile }, writer.masterDatabase);
  try {
    const slug = await createTenant(writer, { slug: 'noredis' });
    const owner = await signUpActor(writer, slug, 'owner');
    const member = await signUpActor(writer, slug, 'member');
    expect((await second.clients.users.getMe({}, as(member))).user?.id).toBe(member.id); // in its memory for 60 s
    await first.clients.users.updateUser({ user: User.fromPartial({ id: member.id, status: UserStatus.USER_STATUS_DISABLED }), updateMask: ['status'] }, as(owner));
    await delivered(async () => expect((await failure(second.clients.users.getMe({}, as(member)))).code).toBe(status.UNAUTHENTICATED));
  } finally {
    await first.stop();
    await second.stop();
  }
});
