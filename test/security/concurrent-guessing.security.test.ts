// Password guessing sent all at once (issue 15): the lockout must hold whatever the concurrency, on one
// replica or spread over two sharing PostgreSQL and Redis. A password check is counted where it happens
// (every verify the hasher of either replica runs), not inferred from answers.
import path from 'node:path';
import { ServiceError, status } from '@grpc/grpc-js';
import { TOKENS } from '../../src/di/tokens';
import { PasswordHasher } from '../../src/domain/auth/password-hasher';
import { headers } from '../support/grpc-clients';
import { statusDetails } from '../support/status-details';
import { as, signUpActor, tenantState } from '../support/security-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant } from '../support/tenants';

const LIMIT = 5;
const GUESSES = 40; // ≫ LIMIT, and below both replicas' hashing queues, so only the budget can bound them
const env = { LOGIN_MAX_FAILURES: String(LIMIT), LOGIN_FAILURE_WINDOW_SECONDS: '600', LOGIN_LOCKOUT_SECONDS: '600' };

/** Counts every password verify a replica's hasher runs (the dummy verify for unknown emails included). */
function countVerifies(t: TestApp): { count: number } {
  const counter = { count: 0 };
  const hasher = t.app.container.get<PasswordHasher>(TOKENS.PasswordHasher);
  const verify = hasher.verify.bind(hasher);
  hasher.verify = (hash: string, password: string) => {
    counter.count += 1;
    return verify(hash, password);
  };
  return counter;
}

const answer = (call: Promise<unknown>): Promise<string> =>
  call.then(
    () => 'OK',
    (e: ServiceError) => statusDetails(e).reason ?? status[e.code],
  );
const tally = (answers: string[]) => answers.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a]: (acc[a] ?? 0) + 1 }), {});

describe.each([
  ['two replicas sharing Redis', { REDIS_URL: 'redis://127.0.0.1:6379' }, 2],
  ['one replica without Redis (in-process budget)', {}, 1],
] as const)('%s', (_name, extra, replicas) => {
  let apps: TestApp[] = [];
  let verifies: Array<{ count: number }> = [];
  let slug: string;
  const evaluated = () => verifies.reduce((sum, v) => sum + v.count, 0);
  const resetCounts = () => verifies.forEach((v) => (v.count = 0));

  beforeAll(async () => {
    const first = await startTestApp({ ...env, ...extra });
    apps = [first];
    // The replicas share the master database, Redis and the signing key, as a deployment's replicas do.
    const key = { JWT_PRIVATE_KEY_FILE: path.join(first.dataDir, 'keys', 'jwt-signing-key.pem') };
    for (let i = 1; i < replicas; i += 1) apps.push(await startTestApp({ ...env, ...extra, ...key }, first.masterDatabase));
    slug = await createTenant(first, { slug: 'guess' });
    verifies = apps.map(countVerifies);
  });
  afterAll(async () => {
    for (const t of apps.slice(1)) await t.stop();
    await apps[0]?.dispose();
  });

  test(`${GUESSES} wrong Login guesses at once evaluate at most ${LIMIT}, and then the right password is refused`, async () => {
    const victim = await signUpActor(apps[0], slug, 'login-victim');
    resetCounts();
    const answers = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) =>
        answer(apps[i % apps.length].clients.auth.login({ email: victim.email, password: `Wrong guess ${i} xyz` }, headers({ tenant: slug }))),
      ),
    );
    const counts = tally(answers);
    const fallbacks = apps.flatMap((t) => t.logs.filter((l) => String(l.msg).startsWith('password attempt budget')).map((l) => `${l.msg} ${JSON.stringify(l.err)}`));
    expect({ evaluated: evaluated(), fallbacks }).toEqual({ evaluated: expect.any(Number), fallbacks: [] });
    expect(evaluated()).toBeLessThanOrEqual(LIMIT);
    expect(counts.INVALID_CREDENTIALS ?? 0).toBeLessThanOrEqual(LIMIT);
    expect(Object.keys(counts).filter((k) => !['ACCOUNT_BUSY', 'ACCOUNT_LOCKED', 'INVALID_CREDENTIALS'].includes(k))).toEqual([]);
    // Locked on every replica: the right password does not sign in, and costs no hashing.
    resetCounts();
    const right = await Promise.all(apps.map((t) => answer(t.clients.auth.login({ email: victim.email, password: victim.password }, headers({ tenant: slug })))));
    expect({ right, evaluated: evaluated() }).toEqual({ right: Array(apps.length).fill('ACCOUNT_LOCKED'), evaluated: 0 });
  });

  test(`the right password among ${GUESSES} concurrent guesses: at most ${LIMIT} wrong ones are evaluated`, async () => {
    const victim = await signUpActor(apps[0], slug, 'mixed-victim');
    resetCounts();
    const calls = Array.from({ length: GUESSES }, (_, i) => {
      const password = i === GUESSES - 1 ? victim.password : `Wrong guess ${i} xyz`;
      return answer(apps[i % apps.length].clients.auth.login({ email: victim.email, password }, headers({ tenant: slug })));
    });
    const answers = await Promise.all(calls);
    const wrongEvaluated = evaluated() - (answers[GUESSES - 1] === 'OK' ? 1 : 0);
    expect(wrongEvaluated).toBeLessThanOrEqual(LIMIT);
    expect(tally(answers).INVALID_CREDENTIALS ?? 0).toBeLessThanOrEqual(LIMIT);
  });

  test(`${GUESSES} wrong ChangePassword guesses at once with a stolen token: at most ${LIMIT} evaluated, the password is not changed`, async () => {
    const victim = await signUpActor(apps[0], slug, 'change-victim');
    const before = await tenantState(slug);
    resetCounts();
    const answers = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) =>
        answer(apps[i % apps.length].clients.users.changePassword({ currentPassword: `Wrong guess ${i} xyz`, newPassword: 'Attacker passphrase 9!' }, as(victim))),
      ),
    );
    expect(evaluated()).toBeLessThanOrEqual(LIMIT);
    expect(tally(answers).INVALID_ARGUMENT ?? 0).toBeLessThanOrEqual(LIMIT);
    const right = await answer(apps[apps.length - 1].clients.users.changePassword({ currentPassword: victim.password, newPassword: 'Attacker passphrase 9!' }, as(victim)));
    expect(right).toBe('ACCOUNT_LOCKED');
    expect(await tenantState(slug)).toEqual(before);
  });

  test('Login and ChangePassword draw on one budget: guesses through both at once evaluate at most the limit', async () => {
    const victim = await signUpActor(apps[0], slug, 'both-victim');
    resetCounts();
    await Promise.all(
      Array.from({ length: GUESSES }, (_, i) => {
        const t = apps[i % apps.length];
        return answer(
          i % 2 === 0
            ? t.clients.auth.login({ email: victim.email, password: `Wrong guess ${i} xyz` }, headers({ tenant: slug }))
            : t.clients.users.changePassword({ currentPassword: `Wrong guess ${i} xyz`, newPassword: 'Attacker passphrase 9!' }, as(victim)),
        );
      }),
    );
    expect(evaluated()).toBeLessThanOrEqual(LIMIT);
    expect(await answer(apps[0].clients.auth.login({ email: victim.email, password: victim.password }, headers({ tenant: slug })))).toBe('ACCOUNT_LOCKED');
  });

  test('right passwords at once: at most the limit are checked together, the rest are told to retry (ACCOUNT_BUSY), and nothing locks', async () => {
    const victim = await signUpActor(apps[0], slug, 'busy');
    const answers = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) => answer(apps[i % apps.length].clients.auth.login({ email: victim.email, password: victim.password }, headers({ tenant: slug })))),
    );
    const counts = tally(answers);
    expect(Object.keys(counts).filter((k) => !['OK', 'ACCOUNT_BUSY'].includes(k))).toEqual([]);
    expect(counts.OK).toBeGreaterThanOrEqual(1);
    expect(await answer(apps[0].clients.auth.login({ email: victim.email, password: victim.password }, headers({ tenant: slug })))).toBe('OK');
  });

  test('a right password gives its reservation back: a user who signs in keeps the whole budget', async () => {
    const victim = await signUpActor(apps[0], slug, 'honest');
    for (let i = 0; i < LIMIT * 2; i += 1) {
      expect(await answer(apps[i % apps.length].clients.auth.login({ email: victim.email, password: victim.password }, headers({ tenant: slug })))).toBe('OK');
    }
    // Failures below the limit, then a success, clear the count.
    for (let i = 0; i < LIMIT - 1; i += 1) await answer(apps[0].clients.auth.login({ email: victim.email, password: `Wrong ${i} xyzw` }, headers({ tenant: slug })));
    expect(await answer(apps[0].clients.auth.login({ email: victim.email, password: victim.password }, headers({ tenant: slug })))).toBe('OK');
    for (let i = 0; i < LIMIT - 1; i += 1) {
      expect(await answer(apps[0].clients.auth.login({ email: victim.email, password: `Wrong ${i} xyzw` }, headers({ tenant: slug })))).toBe('INVALID_CREDENTIALS');
    }
  });
});
