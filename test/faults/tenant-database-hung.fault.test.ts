// One tenant database server hangs (a network partition: connections stay open, nothing comes back, new
// connections are never answered). Its tenants' calls must end with UNAVAILABLE from the server itself,
// within a bound of its own, rather than hang until each caller's deadline; tenants on the other server
// keep 100% success meanwhile; and when the server answers again, its tenants recover without a restart.
//
// Two tenant database servers are configured: "flaky" (through a TCP proxy the test controls) and
// "direct". Placement picks the server with the fewest tenants (the first listed on a tie), so the first
// tenant lands on "flaky" and the second on "direct" (asserted).
import { status } from '@grpc/grpc-js';
import { User } from '../../src/gen/proto/userservice/v1/user';
import { AuthServiceService } from '../../src/gen/proto/userservice/v1/auth_service';
import { UserServiceService } from '../../src/gen/proto/userservice/v1/user_service';
import { eventually } from '../support/eventually';
import { FaultProxy } from '../support/fault-tcp-proxy';
import { headers } from '../support/grpc-clients';
import { Actor, as, signUpActor } from '../support/security-fixtures';
import { deadlineIn, Outcome, RawClient } from '../support/security-rpc';
import { TEST_SERVER_URL } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';

const server = new URL(TEST_SERVER_URL);
let proxy: FaultProxy;
let t: TestApp;
let raw: RawClient;

beforeAll(async () => {
  proxy = await FaultProxy.start(server.hostname, Number(server.port || 5432));
  t = await startTestApp({
    TENANT_DATABASE_SERVERS: `flaky=postgresql://${server.username}@127.0.0.1:${proxy.port}/postgres,direct=${TEST_SERVER_URL}/postgres`,
  });
  raw = new RawClient(t.address);
});
afterAll(async () => {
  proxy?.restore();
  raw?.close();
  await t?.dispose();
  await proxy?.close();
});

/** The caller's deadline: far beyond any bound the server should set itself. */
const CALLER_DEADLINE_MS = 20_000;

function calls(slug: string, owner: Actor): Array<[string, () => Promise<Outcome<unknown>>]> {
  const d = () => deadlineIn(CALLER_DEADLINE_MS);
  return [
    ['Login', () => raw.settle(AuthServiceService.login, { email: owner.email, password: owner.password }, headers({ tenant: slug }), d())],
    ['SignUp', () => raw.settle(AuthServiceService.signUp, newUser('late'), headers({ tenant: slug }), d())],
    ['ListUsers', () => raw.settle(UserServiceService.listUsers, { pageSize: 10, pageToken: '', role: 0, status: 0, emailPrefix: '' }, as(owner), d())],
    ['UpdateMe', () => raw.settle(UserServiceService.updateMe, { user: User.fromPartial({ name: `Name ${Date.now()}` }), updateMask: ['name'] }, as(owner), d())],
  ];
}

const summary = (name: string, o: Outcome<unknown>) => `${name} → ${o.ok ? 'OK' : status[o.error.code]}`;

test('a hung tenant database server: its tenants get UNAVAILABLE before their callers’ deadlines, others are unaffected, recovery is automatic', async () => {
  const victimSlug = await createTenant(t, { slug: 'hung' });
  const healthySlug = await createTenant(t, { slug: 'fine' });
  const admin = headers({ token: await t.superAdminToken() });
  expect((await t.clients.tenants.getTenant({ slug: victimSlug }, admin)).tenant?.databaseServer).toBe('flaky');
  expect((await t.clients.tenants.getTenant({ slug: healthySlug }, admin)).tenant?.databaseServer).toBe('direct');
  const victim = await signUpActor(t, victimSlug, 'victim');
  const healthy = await signUpActor(t, healthySlug, 'healthy');
  // Warm up: both tenants have pooled connections in use.
  for (const [slug, owner] of [[victimSlug, victim], [healthySlug, healthy]] as const) {
    const warm = await Promise.all(calls(slug, owner).map(async ([name, call]) => summary(name, await call())));
    expect(warm.filter((s) => !s.endsWith('OK'))).toEqual([]);
  }

  proxy.blackhole();
  let victimOutcomes: string[] = [];
  const healthyOutcomes: string[] = [];
  try {
    const pending = Promise.all(calls(victimSlug, victim).map(async ([name, call]) => summary(name, await call())));
    let done = false;
    void pending.then(() => (done = true));
    // The healthy tenant is served the whole time the victim's calls are outstanding.
    while (!done) {
      for (const [name, call] of calls(healthySlug, healthy)) healthyOutcomes.push(summary(name, await call()));
    }
    victimOutcomes = await pending;
  } finally {
    proxy.restore();
  }

  await eventually(async () => {
    const again = await Promise.all(calls(victimSlug, victim).map(async ([name, call]) => summary(name, await call())));
    expect(again.filter((s) => !s.endsWith('OK'))).toEqual([]);
  }, 30_000, 500);

  expect(healthyOutcomes.length).toBeGreaterThan(0);
  expect(healthyOutcomes.filter((s) => !s.endsWith('OK'))).toEqual([]);
  expect(victimOutcomes.sort()).toEqual(calls(victimSlug, victim).map(([name]) => `${name} → UNAVAILABLE`).sort());
});
