// One tenant's database becomes unreachable: that tenant's calls get UNAVAILABLE (never INTERNAL, never a
// hang), every other tenant keeps 100% success meanwhile, and the tenant recovers by itself once its
// database is back. Two ways to lose a database: it refuses connections (ALLOW_CONNECTIONS false, open
// sessions terminated) or it is gone (renamed away).
import { ServiceError, status } from '@grpc/grpc-js';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { User } from '../../src/gen/proto/userservice/v1/user';
import { eventually } from '../support/eventually';
import { cutDatabase, hideDatabase, restoreDatabase, tenantDatabase } from '../support/fault-postgres';
import { headers } from '../support/grpc-clients';
import { Actor, as, createActor, signUpActor } from '../support/security-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

interface Party {
  slug: string;
  owner: Actor;
  member: Actor;
  /** The newest refresh token of the owner's session (each refresh rotates it). */
  refreshToken: string;
}

async function party(name: string): Promise<Party> {
  const slug = await createTenant(t, { slug: name });
  const owner = await signUpActor(t, slug, `${name}-owner`);
  const member = await createActor(t, owner, Role.ROLE_MEMBER, `${name}-member`);
  return { slug, owner, member, refreshToken: owner.refreshToken };
}

type Outcome = { call: string; tenant: string; code: string; details: string };

/** Calls that need the tenant's database (no cache can answer them). */
function databaseCalls(p: Party): Array<[string, () => Promise<unknown>]> {
  const { auth, users } = t.clients;
  return [
    ['Login', () => auth.login({ email: p.member.email, password: p.member.password }, headers({ tenant: p.slug }))],
    ['SignUp', () => auth.signUp(newUser('late'), headers({ tenant: p.slug }))],
    ['ListUsers', () => users.listUsers({ pageSize: 10, pageToken: '', role: 0, status: 0, emailPrefix: '' }, as(p.owner))],
    ['UpdateMe', () => users.updateMe({ user: User.fromPartial({ name: `Renamed ${Date.now()}` }), updateMask: ['name'] }, as(p.owner))],
    ['CreateUser', () => users.createUser({ ...newUser('made'), role: Role.ROLE_MEMBER }, as(p.owner))],
    [
      'RefreshToken',
      async () => {
        const r = await auth.refreshToken({ refreshToken: p.refreshToken });
        p.refreshToken = r.tokens!.refreshToken;
      },
    ],
  ];
}

/** Calls a cache may answer: for the healthy tenants they must succeed too. */
function cachedCalls(p: Party): Array<[string, () => Promise<unknown>]> {
  return [
    ['GetMe', () => t.clients.users.getMe({}, as(p.owner))],
    ['GetUser', () => t.clients.users.getUser({ userId: p.member.id }, as(p.owner))],
  ];
}

async function run(p: Party, calls: Array<[string, () => Promise<unknown>]>): Promise<Outcome[]> {
  return Promise.all(
    calls.map(async ([call, fn]) => {
      try {
        await fn();
        return { call, tenant: p.slug, code: 'OK', details: '' };
      } catch (error) {
        const e = error as ServiceError;
        return { call, tenant: p.slug, code: status[e.code], details: e.details };
      }
    }),
  );
}

const ways = [
  ['refuses connections', async (db: string) => {
    await cutDatabase(db);
    return () => restoreDatabase(db);
  }],
  ['is gone (renamed away)', async (db: string) => (await hideDatabase(db)).back],
] as const;

test.each(ways)('a tenant whose database %s gets UNAVAILABLE on every call that needs it; other tenants keep 100%% success; it recovers by itself', async (_way, breakDatabase) => {
  const victim = await party('victim');
  const healthy = [await party('healthy-a'), await party('healthy-b')];
  // Warm up: everything works, connections are pooled.
  for (const p of [victim, ...healthy]) {
    const warm = await run(p, [...databaseCalls(p), ...cachedCalls(p)]);
    expect(warm.filter((o) => o.code !== 'OK')).toEqual([]);
  }

  const restore = await breakDatabase(tenantDatabase(victim.slug));
  const victimOutcomes: Outcome[] = [];
  const healthyOutcomes: Outcome[] = [];
  try {
    for (let round = 0; round < 5; round += 1) {
      const [v, ...h] = await Promise.all([
        run(victim, [...databaseCalls(victim), ...databaseCalls(victim)]),
        ...healthy.map((p) => run(p, [...databaseCalls(p), ...cachedCalls(p)])),
      ]);
      victimOutcomes.push(...v);
      healthyOutcomes.push(...h.flat());
    }
  } finally {
    await restore();
  }

  expect(healthyOutcomes.filter((o) => o.code !== 'OK')).toEqual([]);
  expect(healthyOutcomes.length).toBeGreaterThanOrEqual(5 * 2 * 8);

  // Back without a restart (checked before the victim's answers, so a wrong code there still tells
  // whether recovery works).
  await eventually(async () => {
    const again = await run(victim, databaseCalls(victim));
    expect(again.filter((o) => o.code !== 'OK')).toEqual([]);
  }, 20_000, 250);

  const answers = [...new Set(victimOutcomes.map((o) => `${o.call} → ${o.code}`))].sort();
  expect(answers).toEqual(databaseCalls(victim).map(([call]) => `${call} → UNAVAILABLE`).sort());
  for (const o of victimOutcomes) expect(o.details).not.toMatch(/tenant_|database|prisma|\.ts:/i);
});
