import { failure, headers } from '../support/grpc-clients';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

async function scrape(): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${t.app.metricsPort}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

/** The value of one series, e.g. `grpc_server_handled_total{...}`, or undefined. */
function value(body: string, series: RegExp): number | undefined {
  const line = body.split('\n').find((l) => series.test(l));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

test('calls, logins, provisioning, cache and pools show up in /metrics, without tenant labels', async () => {
  const slug = await createTenant(t, { slug: 'metrics' });
  const before = await scrape();
  const user = newUser();
  const { tokens } = await t.clients.auth.signUp(user, headers({ tenant: slug }));
  await t.clients.auth.login(user, headers({ tenant: slug }));
  await failure(t.clients.auth.login({ ...user, password: 'Not the password 1' }, headers({ tenant: slug })));
  for (let i = 0; i < 3; i += 1) await t.clients.users.getMe({}, headers({ token: tokens!.accessToken, tenant: slug }));

  const body = await scrape();
  expect(value(body, /^grpc_server_handled_total\{grpc_service="userservice.v1.UserService",grpc_method="GetMe",grpc_code="OK"\}/)).toBe(3);
  expect(value(body, /^grpc_server_handled_total\{grpc_service="userservice.v1.AuthService",grpc_method="Login",grpc_code="UNAUTHENTICATED"\}/)).toBe(1);
  expect(value(body, /^grpc_server_handling_seconds_count\{grpc_service="userservice.v1.UserService",grpc_method="GetMe"\}/)).toBe(3);
  const logins = (outcome: string) => {
    const series = new RegExp(`^userservice_logins_total\\{outcome="${outcome}"\\}`);
    return (value(body, series) ?? 0) - (value(before, series) ?? 0);
  };
  expect(logins('success')).toBe(1);
  expect(logins('failure')).toBe(1);
  expect(value(body, /^userservice_tenant_provisioning_total\{outcome="success"\}/)).toBeGreaterThanOrEqual(1);
  expect(value(body, /^userservice_cache_hits_total\{tier="l1"\}/)).toBeGreaterThan(0);
  expect(value(body, /^userservice_tenant_clients_open /)).toBeGreaterThanOrEqual(1);
  expect(value(body, /^userservice_db_pool_connections\{pool="master",state="total"\}/)).toBeGreaterThan(0);
  expect(body).toMatch(/^userservice_password_hash_queue_depth /m);
  expect(value(body, /^userservice_db_queries_total\{pool="tenants",outcome="ok"\}/)).toBeGreaterThan(0);
  expect(value(body, /^userservice_db_query_seconds_count\{pool="master"\}/)).toBeGreaterThan(0);
  expect(body).toMatch(/^process_cpu_seconds_total /m);
  expect(body).toMatch(/^nodejs_eventloop_lag_seconds /m);
  expect(body).not.toContain(slug);
  expect(body).not.toContain(user.email);
});
