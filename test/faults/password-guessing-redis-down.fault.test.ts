// Password guesses sent at once while Redis fails (issue 15): the attempt budget falls back to the
// replica's own, so on one replica at most LOGIN_MAX_FAILURES wrong passwords are still evaluated, with
// Redis killed or frozen (every command then times out), and none of the guesses fails with an error of
// ours. After Redis returns, the budget is kept in Redis again. Evaluations are counted at the hasher.
import { ServiceError, status } from '@grpc/grpc-js';
import { TOKENS } from '../../src/di/tokens';
import { PasswordHasher } from '../../src/domain/auth/password-hasher';
import { eventually } from '../support/eventually';
import { TestRedis } from '../support/fault-redis';
import { headers } from '../support/grpc-clients';
import { signUpActor } from '../support/security-fixtures';
import { statusDetails } from '../support/status-details';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant } from '../support/tenants';

const LIMIT = 5;
const GUESSES = 40;
let redis: TestRedis;
let t: TestApp;
let slug: string;
const verifies = { count: 0 };

beforeAll(async () => {
  redis = await TestRedis.start();
  t = await startTestApp({ REDIS_URL: redis.url, LOGIN_MAX_FAILURES: String(LIMIT), LOGIN_LOCKOUT_SECONDS: '600' });
  slug = await createTenant(t, { slug: 'guess-redis' });
  const hasher = t.app.container.get<PasswordHasher>(TOKENS.PasswordHasher);
  const verify = hasher.verify.bind(hasher);
  hasher.verify = (hash: string, password: string) => {
    verifies.count += 1;
    return verify(hash, password);
  };
});
afterAll(async () => {
  redis?.thaw();
  await t?.dispose();
  await redis?.dispose();
});

/** Sends GUESSES wrong passwords for a new account at once; returns how many were evaluated and the answers. */
async function burst(name: string): Promise<{ evaluated: number; answers: string[] }> {
  const victim = await signUpActor(t, slug, name);
  verifies.count = 0;
  const answers = await Promise.all(
    Array.from({ length: GUESSES }, (_, i) =>
      t.clients.auth.login({ email: victim.email, password: `Wrong guess ${i} xyz` }, headers({ tenant: slug })).then(
        () => 'OK',
        (e: ServiceError) => statusDetails(e).reason ?? status[e.code],
      ),
    ),
  );
  return { evaluated: verifies.count, answers: [...new Set(answers)].sort() };
}
const allowed = ['ACCOUNT_BUSY', 'ACCOUNT_LOCKED', 'INVALID_CREDENTIALS'];

test('Redis killed: guesses at once still evaluate at most the limit, answered by the in-process budget', async () => {
  await redis.kill();
  const { evaluated, answers } = await burst('killed');
  expect(evaluated).toBeLessThanOrEqual(LIMIT);
  expect(answers.filter((a) => !allowed.includes(a))).toEqual([]);
});

test('Redis frozen (commands time out): guesses at once still evaluate at most the limit', async () => {
  await redis.restart();
  await eventually(async () => expect(await redis.ping()).toBe(true), 10_000, 100);
  redis.freeze();
  try {
    const { evaluated, answers } = await burst('frozen');
    expect(evaluated).toBeLessThanOrEqual(LIMIT);
    expect(answers.filter((a) => !allowed.includes(a))).toEqual([]);
  } finally {
    redis.thaw();
  }
});

test('Redis back: the budget is kept in Redis again, and still holds', async () => {
  await eventually(async () => {
    const { evaluated } = await burst('back');
    expect(evaluated).toBeLessThanOrEqual(LIMIT);
    expect(await redis.countKeys('us:login:*')).toBeGreaterThan(0);
  }, 20_000, 200);
});
