/**
 * The service's /metrics exposition, after real traffic, passes `promtool check metrics` (Prometheus's own
 * linter: names, units, _total suffixes, HELP/TYPE, histogram consistency), and every series keeps the
 * bounded label set (no tenant, user or email label, whatever the traffic).
 */
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { failure, headers } from '../support/grpc-clients';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';
import { requireTool, run } from './support/prometheus';

/** Every label name the service may export, and nothing per tenant or per user. */
const ALLOWED_LABELS = new Set(['grpc_service', 'grpc_method', 'grpc_code', 'le', 'outcome', 'pool', 'state', 'tier', 'version', 'major', 'minor', 'patch', 'type', 'space', 'kind']);

let t: TestApp;
let promtool: string;
beforeAll(async () => {
  promtool = requireTool('promtool');
  t = await startTestApp();
}, 60_000);
afterAll(async () => {
  await t?.dispose();
});

let body: string;
let slug: string;
let email: string;

beforeAll(async () => {
  slug = await createTenant(t, { slug: 'promlint' });
  const user = newUser();
  email = user.email;
  const tenant = headers({ tenant: slug });
  const { tokens } = await t.clients.auth.signUp(user, tenant);
  await t.clients.auth.login(user, tenant);
  await failure(t.clients.auth.login({ ...user, password: 'Not the password 1' }, tenant));
  await t.clients.users.getMe({}, headers({ token: tokens!.accessToken, tenant: slug }));
  await failure(t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug: 'x', displayName: 'x' }) }, headers({})));

  const response = await fetch(`http://127.0.0.1:${t.app.metricsPort}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  body = await response.text();
  expect(body).toMatch(/^grpc_server_handling_seconds_bucket\{/m);
  expect(body).toMatch(/^userservice_logins_total\{outcome="failure"\}/m);
}, 60_000);

// prom-client's default nodejs_active_{handles,requests,resources}_total are gauges named like counters
// (prometheus/client_js#283); the service must drop them (deploy/prometheus/README.md, "Exposition conventions").
test('the /metrics endpoint passes promtool check metrics after real calls', async () => {
  const lint = await run(promtool, ['check', 'metrics'], body);
  expect({ code: lint.code, problems: `${lint.stdout}${lint.stderr}`.trim() }).toEqual({ code: 0, problems: '' });
});

test('every series carries only bounded labels: no tenant, user or email', () => {
  const labelNames = new Set<string>();
  for (const line of body.split('\n')) {
    const labels = /^[a-zA-Z_:][a-zA-Z0-9_:]*\{(.*)\}\s/.exec(line)?.[1];
    if (labels) for (const [, name] of labels.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*"/g)) labelNames.add(name);
  }
  expect(labelNames.size).toBeGreaterThan(5); // the parse found them
  expect([...labelNames].filter((name) => !ALLOWED_LABELS.has(name))).toEqual([]);
  expect(body).not.toContain(slug);
  expect(body).not.toContain(email);
});
