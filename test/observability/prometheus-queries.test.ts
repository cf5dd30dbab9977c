/**
 * Every query of the Grafana dashboard, every variable query and every recording rule, executed by a real
 * Prometheus that scrapes the real service (in-process, started by startTestApp) every second while traffic
 * exercises what the panels show: calls with OK, client and server errors, sign-ins that succeed, fail and
 * lock, a flood that overflows the password hashing queue, tenant provisionings that succeed and fail,
 * more active tenants than tenant clients (evictions), a Redis of the test's own that is killed half-way
 * (Redis errors, breaker open), and a PostgreSQL query error.
 *
 * A query naming a metric or label that does not exist answers "success" with an empty result, so each
 * panel must return data; the few that legitimately cannot are listed in EXPECTED_EMPTY with the reason.
 */
import { readFileSync } from 'node:fs';
import { ServiceError, status } from '@grpc/grpc-js';
import { parse as parseYaml } from 'yaml';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { ListUsersRequest } from '../../src/gen/proto/userservice/v1/user_service';
import { TestRedis } from '../support/fault-redis';
import { failure, headers } from '../support/grpc-clients';
import { TEST_SERVER_URL, uniqueName } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { newUser } from '../support/tenants';
import { loadDashboard, panelQueries, parseLabelValues, substitute } from './support/dashboard';
import { requireTool, RULE_FILES, TestPrometheus } from './support/prometheus';

/** Panels (by title) that may come back empty after the traffic below, and why. */
const EXPECTED_EMPTY: Record<string, string> = {};

const SUBSTITUTIONS = { rateInterval: '30s', range: '10m', interval: '5s' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Longer than the test Prometheus's 1 s scrape interval. */
const SCRAPE_GAP_MS = 1_200;

let redis: TestRedis;
let t: TestApp;
let prometheus: TestPrometheus;
const observed = { provisioningFailures: 0, hashRejections: 0, lockedAnswers: 0, tenants: 0 };

async function settle<T>(promise: Promise<T>): Promise<T | ServiceError> {
  return promise.catch((error: ServiceError) => error);
}

/** Drives the traffic the dashboard's panels are about; takes about 25 seconds. */
async function driveTraffic(): Promise<void> {
  const admin = headers({ token: await t.superAdminToken() });

  // Tenants: the "down" server is unreachable, so provisionings placed on it fail (UNAVAILABLE). A scrape
  // between two provisionings: a labelled series is born at its first increment, and Prometheus only sees
  // the increments after the first scrape of it (the service exports it at 0 from the start, but the scrape gap keeps each step visible).
  const slugs: string[] = [];
  for (let attempt = 0; attempt < 10 && (slugs.length < 3 || observed.provisioningFailures < 1); attempt += 1) {
    const slug = uniqueName('obs').replace(/_/g, '-').slice(0, 40);
    const answer = await settle(t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug, displayName: slug }) }, admin));
    if (answer instanceof Error) {
      expect(answer.code).toBe(status.UNAVAILABLE);
      observed.provisioningFailures += 1;
    } else slugs.push(slug);
    await sleep(SCRAPE_GAP_MS);
  }
  if (slugs.length < 3 || observed.provisioningFailures < 1) throw new Error(`traffic setup: ${slugs.length} tenants created, ${observed.provisioningFailures} failed`);
  observed.tenants = slugs.length;

  // A user per tenant; a duplicate sign-up (ALREADY_EXISTS, a failed INSERT on the tenant pool).
  const members: Array<{ slug: string; user: ReturnType<typeof newUser>; token: string }> = [];
  for (const slug of slugs) {
    const user = newUser('obs');
    const { tokens } = await t.clients.auth.signUp(user, headers({ tenant: slug }));
    members.push({ slug, user, token: tokens!.accessToken });
  }
  await settle(t.clients.auth.signUp(members[0].user, headers({ tenant: members[0].slug })));
  // A password reset: its mail goes out (the .eml default of this app) and counts as sent.
  await t.clients.auth.requestPasswordReset({ email: members[0].user.email }, headers({ tenant: members[0].slug }));

  // Steady calls across the tenants (TENANT_CLIENT_CACHE_SIZE=2 < 3 tenants: clients are evicted), with
  // client errors mixed in, for a few seconds so that rates span several scrapes.
  const steady = async (seconds: number) => {
    const until = Date.now() + seconds * 1000;
    let round = 0;
    while (Date.now() < until) {
      round += 1;
      for (const member of members) {
        const auth = headers({ token: member.token, tenant: member.slug });
        await t.clients.users.getMe({}, auth);
        if (round % 3 === 0) await settle(t.clients.users.getUser({ userId: '00000000-0000-4000-8000-000000000000' }, auth));
        if (round % 5 === 0) await settle(t.clients.users.listUsers(ListUsersRequest.fromPartial({}), auth));
      }
      // Members 0 and 2 sign in now and then (member 1 gets locked out below).
      const signer = members[(round % 2) * 2];
      if (round % 4 === 0) await settle(t.clients.auth.login(signer.user, headers({ tenant: signer.slug })));
      await sleep(50);
    }
  };
  await steady(4);

  // Lockout: LOGIN_MAX_FAILURES=3 wrong passwords lock the account; later attempts are refused as locked.
  const victim = members[1];
  for (let i = 0; i < 6; i += 1) {
    const error = await failure(t.clients.auth.login({ email: victim.user.email, password: `Wrong passphrase ${i}!` }, headers({ tenant: victim.slug })));
    if (error.code === status.RESOURCE_EXHAUSTED) observed.lockedAnswers += 1;
    if (i === 2) await sleep(SCRAPE_GAP_MS); // the locked series is born here
  }

  // A sign-in flood: PASSWORD_HASH_CONCURRENCY=1 queues at most 32 hashes; the rest are refused. Kept up
  // for a few seconds so that scrapes see the queue (a gauge) non-empty. Each sign-in names another
  // (unknown) email: one account's sign-ins never run more than LOGIN_MAX_FAILURES at once (issue 15), and
  // an unknown email costs the same hash as a known one.
  const flood = members[2];
  // At least 3 s, and on until a scrape has seen the queue non-empty (a scrape of a machine this busy can
  // time out, and a gauge seen by no scrape is lost), at most 20 s.
  const floodStart = Date.now();
  const queueSeen = async () => {
    const answer = await prometheus.query('max_over_time(userservice_password_hash_queue_depth[1m]) > 0');
    return (answer.data?.result.length ?? 0) > 0;
  };
  let floodRound = 0;
  while (Date.now() - floodStart < 3_000 || (Date.now() - floodStart < 20_000 && !(await queueSeen()))) {
    floodRound += 1;
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        settle(t.clients.auth.login({ ...flood.user, email: `flood-${floodRound}-${i}@example.test` }, headers({ tenant: flood.slug }))),
      ),
    );
    observed.hashRejections += answers.filter((a) => a instanceof Error && a.code === status.RESOURCE_EXHAUSTED).length;
  }

  await steady(3);
  // Redis goes away: cache commands fail, the breaker opens, reads fall back to L1 and the databases.
  await redis.kill();
  await steady(4);
}

beforeAll(async () => {
  requireTool('prometheus');
  redis = await TestRedis.start();
  t = await startTestApp({
    REDIS_URL: redis.url,
    TENANT_DATABASE_SERVERS: `main=${TEST_SERVER_URL}/postgres,down=postgresql://postgres@127.0.0.1:1/postgres`,
    TENANT_CLIENT_CACHE_SIZE: '2',
    PASSWORD_HASH_CONCURRENCY: '1',
    LOGIN_MAX_FAILURES: '3',
    CACHE_L1_TTL_SECONDS: '1',
    HEALTH_PROBE_INTERVAL_MS: '500',
    LOG_LEVEL: 'warn',
    // The per-tenant opt-in, so its panel has data: every tenant of this test counts as "other" (the
    // listed slug by name is checked in test/e2e/metrics-tenant-allowlist.e2e.test.ts).
    METRICS_TENANT_ALLOWLIST: 'obs-listed',
  });
  prometheus = await TestPrometheus.start([`127.0.0.1:${t.app.metricsPort}`], RULE_FILES);
  await prometheus.waitFor('up{job="user-service"} == 1');
  await driveTraffic();
  // Let Prometheus scrape the last of it and evaluate the rules on it.
  await sleep(3_000);
}, 150_000);

afterAll(async () => {
  await prometheus?.stop();
  await t?.dispose();
  await redis?.dispose();
}, 60_000);

test('the traffic exercised what the panels show', async () => {
  expect(observed.hashRejections).toBeGreaterThan(0);
  expect(observed.lockedAnswers).toBeGreaterThan(0);
  const value = async (expr: string) => {
    const answer = await prometheus.query(expr);
    expect({ expr, status: answer.status }).toEqual({ expr, status: 'success' });
    return answer.data!.result.length ? Number(answer.data!.result[0].value![1]) : undefined;
  };
  expect(await value('max(userservice_tenant_provisioning_total{outcome="failure"})')).toBe(observed.provisioningFailures);
  expect(await value('max(userservice_tenant_provisioning_total{outcome="success"})')).toBe(observed.tenants);
  expect(await value('max(userservice_password_hash_rejections_total)')).toBe(observed.hashRejections);
  expect(await value('max(userservice_logins_total{outcome="locked"})')).toBeGreaterThanOrEqual(observed.lockedAnswers);
  expect(await value('max(userservice_tenant_client_evictions_total)')).toBeGreaterThan(0);
  expect(await value('max(userservice_cache_hits_total{tier="l2"})')).toBeGreaterThan(0);
  expect(await value('max(userservice_cache_redis_errors_total)')).toBeGreaterThan(0);
  expect(await value('max_over_time(userservice_cache_redis_breaker_open[1m])')).toBe(1);
  expect(await value('max_over_time(userservice_password_hash_queue_depth[1m])')).toBeGreaterThan(0);
  expect(await value('sum(grpc_server_handled_total{grpc_code="UNAVAILABLE"})')).toBeGreaterThan(0);
  expect(await value('sum(userservice_db_queries_total{outcome="error"})')).toBeGreaterThan(0);
  expect(await value('max(userservice_mail_sent_total{kind="PASSWORD_RESET"})')).toBe(1);
  expect(await value('max(userservice_mail_queued)')).toBe(0);
});

test('the scrape stays small: no series per tenant or per user', async () => {
  const samples = Number((await prometheus.query('max(scrape_samples_scraped{job="user-service"})')).data!.result[0].value![1]);
  // 267 after this traffic; 650-950 with every method called (deploy/prometheus/README.md, "Label cardinality").
  expect(samples).toBeLessThan(1500);
  const tenantLabels = await prometheus.query('count({job="user-service", tenant=~".+", __name__!="userservice_tenant_calls_total"}) or count({job="user-service", tenant!~"other|obs-listed", __name__="userservice_tenant_calls_total"}) or count({job="user-service", user=~".+"})');
  expect(tenantLabels.data!.result).toEqual([]);
});

describe('dashboard panels', () => {
  const queries = panelQueries(loadDashboard());

  it.each(queries.map((q) => [`${q.panel} [${q.refId}]`, q] as const))('%s runs and returns data', async (_name, query) => {
    const expr = substitute(query.expr, SUBSTITUTIONS);
    const answer = await prometheus.query(expr);
    expect({ expr, status: answer.status, error: answer.error }).toEqual({ expr, status: 'success', error: undefined });
    if (query.panel in EXPECTED_EMPTY) return;
    expect({ expr, empty: answer.data!.result.length === 0 }).toEqual({ expr, empty: false });
    // And not only NaN (a quantile or ratio over nothing): at least one series has a number.
    const values = answer.data!.result.map((r) => Number(r.value![1]));
    expect({ expr, values, someFinite: values.some(Number.isFinite) }).toEqual({ expr, values, someFinite: true });
  });

  it('lists as expected-empty only panels that exist', () => {
    const titles = new Set(queries.map((q) => q.panel));
    expect(Object.keys(EXPECTED_EMPTY).filter((title) => !titles.has(title))).toEqual([]);
  });
});

describe('dashboard variables', () => {
  const variables = (loadDashboard().templating.list as Array<{ name: string; type: string; query: { query: string } | string }>).filter((v) => v.type === 'query');

  it.each(variables.map((v) => [v.name, v] as const))('$%s lists values', async (_name, variable) => {
    const query = typeof variable.query === 'string' ? variable.query : variable.query.query;
    const { selector, label } = parseLabelValues(query);
    const answer = await prometheus.labelValues(label, substitute(selector, SUBSTITUTIONS));
    expect({ query, status: answer.status }).toEqual({ query, status: 'success' });
    expect({ query, values: answer.data!.length > 0 }).toEqual({ query, values: true });
  });

  it('$job defaults to the job of deploy/prometheus/prometheus.yml', async () => {
    const job = (loadDashboard().templating.list as Array<{ name: string; current: { value: string } }>).find((v) => v.name === 'job')!;
    const answer = await prometheus.labelValues('job', 'userservice_password_hash_queue_depth');
    expect(answer.data).toContain(job.current.value);
  });
});

describe('recording rules', () => {
  const records = RULE_FILES.flatMap((file) =>
    (parseYaml(readFileSync(file, 'utf8')) as { groups: Array<{ rules: Array<{ record?: string }> }> }).groups.flatMap((g) => g.rules.flatMap((r) => (r.record ? [r.record] : []))),
  );

  it('all load and evaluate without errors', async () => {
    const groups = await prometheus.rules();
    const rules = groups.flatMap((g) => g.rules);
    expect(rules.filter((r) => r.type === 'recording').map((r) => r.name).sort()).toEqual([...records].sort());
    expect(rules.filter((r) => r.health !== 'ok').map((r) => ({ rule: r.name, health: r.health, error: r.lastError }))).toEqual([]);
  });

  it.each(records.map((r) => [r]))('%s has data', async (record) => {
    const answer = await prometheus.query(record);
    expect({ record, status: answer.status }).toEqual({ record, status: 'success' });
    expect({ record, empty: answer.data!.result.length === 0 }).toEqual({ record, empty: false });
  });

  it('the availability SLO counts the failed provisionings as server errors (UNAVAILABLE) and ignores client errors', async () => {
    const answer = await prometheus.query('job:slo_availability_errors:ratio_rate1h{job="user-service"}');
    const ratio = Number(answer.data!.result[0].value![1]);
    expect(ratio).toBeGreaterThan(0);
    // Recompute from the raw counters: valid calls are OK plus server errors only.
    const valid = await prometheus.query('sum(grpc_server_handled_total{grpc_service=~"userservice[.].+", grpc_code=~"OK|UNKNOWN|INTERNAL|UNAVAILABLE|DATA_LOSS|DEADLINE_EXCEEDED"})');
    const all = await prometheus.query('sum(grpc_server_handled_total{grpc_service=~"userservice[.].+"})');
    expect(Number(all.data!.result[0].value![1])).toBeGreaterThan(Number(valid.data!.result[0].value![1]));
  });
});

test('the tenant provisioning alert fires on the real failure', async () => {
  const answer = await prometheus.query('ALERTS{alertname="UserServiceTenantProvisioningFailed", alertstate="firing"}');
  expect(answer.data!.result.map((r) => r.metric)).toEqual([
    { __name__: 'ALERTS', alertname: 'UserServiceTenantProvisioningFailed', alertstate: 'firing', job: 'user-service', severity: 'ticket' },
  ]);
});
