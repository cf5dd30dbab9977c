// A session ended on a replica that cannot reach Redis is refused by another replica at once: the
// revocation's invalidation goes over the master database's LISTEN/NOTIFY channel instead of Redis
// pub/sub. Every cache TTL here is 60 s or more, so a refusal within the short wait below comes from that
// message, not from an expiry. Without any Redis, two replicas get the same from the database channel alone.
import path from 'node:path';
import { ServiceError, status } from '@grpc/grpc-js';
import jwt from 'jsonwebtoken';
import { eventually } from '../support/eventually';
import { FaultProxy } from '../support/fault-tcp-proxy';
import { failure } from '../support/grpc-clients';
import { Actor, as, relogin, signUpActor } from '../support/security-fixtures';
import { statusDetails } from '../support/status-details';
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
const sidOf = (token: string) => (jwt.decode(token) as { sid: string }).sid;

function expectSessionRevoked(error: ServiceError): void {
  expect(error.code).toBe(status.UNAUTHENTICATED);
  expect(statusDetails(error).reason).toBe('SESSION_REVOKED');
}

async function readTwice(t: TestApp, actor: Actor): Promise<void> {
  for (let i = 0; i < 2; i += 1) expect((await t.clients.users.getMe({}, as(actor))).user?.id).toBe(actor.id);
}

test('a session ended on a replica cut from Redis is refused by another replica at once', async () => {
  const slug = await createTenant(writer, { slug: 'cut-s' });
  const me = await signUpActor(writer, slug, 'me');
  const stolen = await relogin(writer, me);
  // The reader has the user's revoked-session list (empty) in memory and in Redis.
  await readTwice(reader, stolen);

  proxy.refuse();
  await writer.clients.auth.revokeSession({ sessionId: sidOf(stolen.token) }, as(me));
  expectSessionRevoked(await failure(writer.clients.users.getMe({}, as(stolen))));
  await delivered(async () => expectSessionRevoked(await failure(reader.clients.users.getMe({}, as(stolen)))));
  await readTwice(reader, me);
});

test('without Redis at all, a session ended on one replica is refused by another at once', async () => {
  const keyFile = path.join(writer.dataDir, 'keys', 'jwt-signing-key.pem');
  const first = await startTestApp({ ...cacheEnv, JWT_PRIVATE_KEY_FILE: keyFile }, writer.masterDatabase);
  const second = await startTestApp({ ...cacheEnv, JWT_PRIVATE_KEY_FILE: keyFile }, writer.masterDatabase);
  try {
    const slug = await createTenant(writer, { slug: 'noredis-s' });
    const me = await signUpActor(first, slug, 'me');
    const stolen = await relogin(first, me);
    await readTwice(second, stolen);

    await first.clients.auth.revokeOtherSessions({}, as(me));
    expectSessionRevoked(await failure(first.clients.users.getMe({}, as(stolen))));
    await delivered(async () => expectSessionRevoked(await failure(second.clients.users.getMe({}, as(stolen)))));
  } finally {
    await second.stop();
    await first.stop();
  }
});
