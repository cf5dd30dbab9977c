// The master database (tenant registry, platform admins) becomes unreachable: grpc.health.v1 reports
// NOT_SERVING, calls that need the master get UNAVAILABLE (never INTERNAL, never a false NOT_FOUND for a
// tenant it cannot look up), and everything comes back by itself when the master does, without a restart.
// Two ways to lose it: the network to its server is cut (a TCP proxy in front of PostgreSQL refuses
// connections), or the master database itself refuses connections (ALLOW_CONNECTIONS false).
import { Metadata, ServiceError, status } from '@grpc/grpc-js';
import { HealthCheckResponse_ServingStatus, HealthService } from '../../src/gen/proto/grpc/health/v1/health';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { eventually } from '../support/eventually';
import { cutDatabase, restoreDatabase } from '../support/fault-postgres';
import { FaultProxy } from '../support/fault-tcp-proxy';
import { headers } from '../support/grpc-clients';
import { deadlineIn, RawClient } from '../support/security-rpc';
import { signUpActor } from '../support/security-fixtures';
import { TEST_SERVER_URL, uniqueName } from '../support/test-database';
import { startTestApp, SUPERADMIN } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';

const server = new URL(TEST_SERVER_URL);

async function code(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    return status[(error as ServiceError).code];
  }
}

test.each([
  ['the network to its server is cut', 'network'],
  ['it refuses connections', 'database'],
] as const)('when the master database is unreachable (%s): NOT_SERVING, UNAVAILABLE, and automatic recovery', async (_case, how) => {
  const proxy = await FaultProxy.start(server.hostname, Number(server.port || 5432));
  const master = uniqueName('us_test');
  const t = await startTestApp(
    {
      // The master through the proxy; tenant databases directly, so that only the master is lost.
      DATABASE_URL: `postgresql://${server.username}@127.0.0.1:${proxy.port}/${master}`,
      TENANT_DATABASE_SERVERS: `default=${TEST_SERVER_URL}/postgres`,
      HEALTH_PROBE_INTERVAL_MS: '200',
      CACHE_L1_TTL_SECONDS: '1',
      CACHE_NEGATIVE_TTL_SECONDS: '1',
    },
    master,
  );
  const raw = new RawClient(t.address);
  const health = async () => (await raw.call(HealthService.check, { service: '' }, new Metadata(), deadlineIn(5_000))).status;
  let cut = false;
  const restore = async () => {
    if (!cut) return;
    cut = false;
    if (how === 'network') proxy.restore();
    else await restoreDatabase(master);
  };
  try {
    const slug = await createTenant(t, { slug: 'mdown' });
    const owner = await signUpActor(t, slug, 'owner');
    const admin = headers({ token: await t.superAdminToken() });
    expect(await health()).toBe(HealthCheckResponse_ServingStatus.SERVING);

    cut = true;
    if (how === 'network') proxy.refuse();
    else await cutDatabase(master);

    await eventually(async () => expect(await health()).toBe(HealthCheckResponse_ServingStatus.NOT_SERVING), 15_000, 100);
    // Past the tenant cache's lifetime, a tenant lookup needs the master too.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const answers = {
      ListTenants: await code(t.clients.tenants.listTenants({ pageSize: 0, pageToken: '', status: 0 }, admin)),
      GetTenant: await code(t.clients.tenants.getTenant({ slug }, admin)),
      CreateTenant: await code(t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug: `during-${Date.now().toString(36)}`, displayName: 'x' }) }, admin)),
      'Login (super-admin)': await code(t.clients.auth.login(SUPERADMIN)),
      'Login (tenant user)': await code(t.clients.auth.login({ email: owner.email, password: owner.password }, headers({ tenant: slug }))),
      'SignUp (tenant it cannot look up)': await code(t.clients.auth.signUp(newUser(), headers({ tenant: 'not-known-here' }))),
    };

    await restore();
    // Recovery first (so that a wrong code above still tells whether recovery works), then the codes.
    await eventually(async () => expect(await health()).toBe(HealthCheckResponse_ServingStatus.SERVING), 20_000, 100);
    await eventually(async () => {
      expect(await code(t.clients.tenants.listTenants({ pageSize: 0, pageToken: '', status: 0 }, admin))).toBe('OK');
      expect(await code(t.clients.auth.login(SUPERADMIN))).toBe('OK');
      expect(await code(t.clients.auth.login({ email: owner.email, password: owner.password }, headers({ tenant: slug })))).toBe('OK');
    }, 20_000, 250);

    expect(answers).toEqual({
      ListTenants: 'UNAVAILABLE',
      GetTenant: 'UNAVAILABLE',
      CreateTenant: 'UNAVAILABLE',
      'Login (super-admin)': 'UNAVAILABLE',
      'Login (tenant user)': 'UNAVAILABLE',
      'SignUp (tenant it cannot look up)': 'UNAVAILABLE',
    });
  } finally {
    await restore();
    raw.close();
    await t.dispose();
    await proxy.close();
  }
});
