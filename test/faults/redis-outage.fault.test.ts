// Redis fails under reads and writes: the app runs against a redis-server of this test's own (a free
// port), while a loop of UpdateMe / GetMe / GetUser / Login runs. Killed, or frozen (SIGSTOP: connections
// stay open, nothing is answered), Redis must cost zero failed calls, and reads must still see every write
// (no stale cache entry, before, during or after). After Redis returns, the cache and the login throttle
// use it again by themselves.
import { ServiceError, status } from '@grpc/grpc-js';
import { User } from '../../src/gen/proto/userservice/v1/user';
import { eventually } from '../support/eventually';
import { TestRedis } from '../support/fault-redis';
import { headers } from '../support/grpc-clients';
import { Actor, as, signUpActor } from '../support/security-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant } from '../support/tenants';

let redis: TestRedis;
let t: TestApp;
let slug: string;
let owner: Actor;
/** Signs in with wrong passwords to see the throttle write to Redis; never the looping owner, whom it would lock out. */
let prober: Actor;

beforeAll(async () => {
  redis = await TestRedis.start();
  // A short in-process TTL, so that reads go to Redis (the shared tier) often.
  t = await startTestApp({ REDIS_URL: redis.url, CACHE_L1_TTL_SECONDS: '1' });
  slug = await createTenant(t, { slug: 'redis' });
  owner = await signUpActor(t, slug, 'owner');
  prober = await signUpActor(t, slug, 'prober');
});
afterAll(async () => {
  await t?.dispose();
  await redis?.dispose();
});

const failures: string[] = [];
let iteration = 0;

async function attempt(what: string, call: () => Promise<unknown>): Promise<unknown> {
  try {
    return await call();
  } catch (error) {
    const e = error as ServiceError;
    failures.push(`${what}: ${status[e.code]} ${e.details}`);
    return undefined;
  }
}

/** One write, then reads that must see it, and a login (which uses the Redis throttle). */
async function step(): Promise<void> {
  iteration += 1;
  const name = `Name ${iteration}`;
  await attempt('UpdateMe', () => t.clients.users.updateMe({ user: User.fromPartial({ name }), updateMask: ['name'] }, as(owner)));
  const me = (await attempt('GetMe', () => t.clients.users.getMe({}, as(owner)))) as { user?: User } | undefined;
  if (me && me.user?.name !== name) failures.push(`GetMe read "${me.user?.name}" after writing "${name}"`);
  const got = (await attempt('GetUser', () => t.clients.users.getUser({ userId: owner.id }, as(owner)))) as { user?: User } | undefined;
  if (got && got.user?.name !== name) failures.push(`GetUser read "${got.user?.name}" after writing "${name}"`);
  await attempt('Login', () => t.clients.auth.login({ email: owner.email, password: owner.password }, headers({ tenant: slug })));
}

async function loopFor(ms: number): Promise<number> {
  const start = iteration;
  const until = Date.now() + ms;
  while (Date.now() < until) await step();
  return iteration - start;
}

const cacheKeys = () => redis.countKeys('user-service:cache:*');
const throttleKeys = () => redis.countKeys('us:login:*');

test('Redis killed mid-way: zero failed calls, reads see every write, and after a restart the cache resumes', async () => {
  await loopFor(1_000);
  expect(await cacheKeys()).toBeGreaterThan(0);

  await redis.kill();
  expect(await loopFor(3_000)).toBeGreaterThan(3);

  await redis.restart();
  expect(await cacheKeys()).toBe(0);
  // The cache fills Redis again without a restart of the app (readiness wait, not a timing assertion).
  await eventually(async () => {
    await step();
    expect(await cacheKeys()).toBeGreaterThan(0);
  }, 20_000, 100);
  // And failed logins are counted in Redis again.
  await eventually(async () => {
    await t.clients.auth.login({ email: prober.email, password: 'Not the password 1' }, headers({ tenant: slug })).catch(() => undefined);
    expect(await throttleKeys()).toBeGreaterThan(0);
  }, 20_000, 200);
  await loopFor(1_000);

  expect(failures).toEqual([]);
});

test('Redis frozen mid-way: zero failed calls, reads see every write, and after it thaws no stale value comes back', async () => {
  failures.length = 0;
  await loopFor(1_000);
  expect(await cacheKeys()).toBeGreaterThan(0);

  // Frozen, Redis still holds the values cached before; the writes below cannot invalidate them there.
  redis.freeze();
  try {
    expect(await loopFor(3_000)).toBeGreaterThan(1);
  } finally {
    redis.thaw();
  }
  // After the thaw the old entries are still in Redis: reads must keep seeing the newest write.
  await loopFor(3_000);
  expect(failures).toEqual([]);
});
