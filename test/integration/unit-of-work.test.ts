// PrismaUnitOfWork against real PostgreSQL and Redis: a unit that fails leaves nothing behind (no row,
// no revoked session, no outbox event, no cache entry dropped); a unit that commits writes its changes
// and its entities' events together, then drops the cached entries.
import { TenantDirectory } from '../../src/application/tenant/tenant-directory';
import { UnitOfWork } from '../../src/application/shared/unit-of-work';
import { TOKENS } from '../../src/di/tokens';
import { Tenant } from '../../src/domain/tenant/tenant';
import { tenantDatabase } from '../support/fault-postgres';
import { headers } from '../support/grpc-clients';
import { Actor, as, signUpActor } from '../support/security-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant } from '../support/tenants';
import { adminQuery } from '../support/test-database';
import { NO_ORIGIN } from '../../src/domain/shared/request-origin';

let t: TestApp;
let units: UnitOfWork;
let slug: string;
let tenant: Tenant;
let member: Actor;

beforeAll(async () => {
  t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:6379', CACHE_L1_TTL_SECONDS: '60' });
  units = t.app.container.get<UnitOfWork>(TOKENS.UnitOfWork);
  slug = await createTenant(t, { slug: 'uow' });
  tenant = (await t.app.container.get<TenantDirectory>(TOKENS.TenantDirectory).findBySlug(slug))!;
  await signUpActor(t, slug, 'owner');
  member = await signUpActor(t, slug, 'member');
});
afterAll(() => t?.dispose());

const query = async <R extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await adminQuery<R>(sql, params, tenantDatabase(slug))).rows;
const outboxTypes = async () => (await query<{ type: string }>('SELECT type FROM outbox_events WHERE target_id = $1 ORDER BY id', [member.id])).map((r) => r.type);
const memberRow = async () => (await query<{ status: string; name: string }>('SELECT status, name FROM users WHERE id = $1', [member.id]))[0];
const liveSessions = async () => Number((await query<{ n: string }>('SELECT count(*) AS n FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL', [member.id]))[0].n);

test('a unit that throws after its writes leaves nothing: no change, no revoked session, no event, the cache untouched', async () => {
  const eventsBefore = await outboxTypes();
  expect(await liveSessions()).toBe(1);
  expect((await t.clients.users.getMe({}, as(member))).user?.status).toBeTruthy(); // cached now

  await expect(
    units.run(tenant, NO_ORIGIN, async ({ users, sessions }) => {
      const user = (await users.findById(member.id))!;
      user.rename('Never stored');
      user.changeStatus('DISABLED');
      await users.save(user);
      await sessions.revokeUserSessions(member.id, new Date(), 'USER_DISABLED');
      throw new Error('the work failed after writing');
    }),
  ).rejects.toThrow('the work failed after writing');

  expect(await memberRow()).toEqual({ status: 'ACTIVE', name: expect.not.stringMatching('Never stored') });
  expect(await liveSessions()).toBe(1);
  expect(await outboxTypes()).toEqual(eventsBefore);
  expect((await t.clients.auth.refreshToken({ refreshToken: member.refreshToken }, headers({ tenant: slug }))).tokens?.accessToken).toBeTruthy();
});

test('a unit that commits writes the change, the revocation and their events together, and the cached user is dropped', async () => {
  const fresh = await signUpActor(t, slug, 'second');
  expect((await t.clients.users.getMe({}, as(fresh))).user?.id).toBe(fresh.id); // cached, L1 lives 60 s here
  member = fresh;
  const origin = { actorId: fresh.id, actorRole: 'MEMBER', requestId: 'uow-stamped', callerAddress: 'ipv4:10.0.0.7:4242' };
  await units.run(tenant, origin, async ({ users, sessions }) => {
    const user = (await users.findById(fresh.id))!;
    user.changeStatus('DISABLED');
    await users.save(user);
    await sessions.revokeUserSessions(fresh.id, new Date(), 'USER_DISABLED');
  });
  expect((await memberRow()).status).toBe('DISABLED');
  expect(await liveSessions()).toBe(0);
  expect(await outboxTypes()).toEqual(['UserRegistered', 'UserStatusChanged', 'SessionRevoked']);
  // The unit's origin is on every event it wrote (passed explicitly, no AsyncLocalStorage).
  const stamped = await query<{ actor_id: string; request_id: string; caller_address: string }>(
    "SELECT actor_id, request_id, caller_address FROM outbox_events WHERE target_id = $1 AND request_id = 'uow-stamped'",
    [fresh.id],
  );
  expect(stamped).toEqual([
    { actor_id: fresh.id, request_id: 'uow-stamped', caller_address: 'ipv4:10.0.0.7:4242' },
    { actor_id: fresh.id, request_id: 'uow-stamped', caller_address: 'ipv4:10.0.0.7:4242' },
  ]);
  await expect(t.clients.users.getMe({}, as(fresh))).rejects.toMatchObject({ details: expect.stringContaining('disabled') });
});

test('a unit that records one event writes it with a query plan Prisma keeps: no compilation after the first', async () => {
  // Prisma compiles each query shape to a plan in WebAssembly and caches it, except a createMany of a list,
  // compiled on every call (about 1 ms of CPU here): the outbox's one-event INSERT must not be one.
  const compiler = (jest.requireActual('@prisma/client/runtime/query_compiler_fast_bg.postgresql.js') as { QueryCompiler: { prototype: { compile: (...args: unknown[]) => unknown } } }).QueryCompiler.prototype;
  const compile = compiler.compile;
  const compiled: string[] = [];
  compiler.compile = function (this: unknown, ...args: unknown[]) {
    compiled.push(String(args[0]).slice(0, 80));
    return compile.apply(this, args);
  };
  try {
    const renameTo = (name: string) =>
      units.run(tenant, NO_ORIGIN, async ({ users }) => {
        const user = (await users.findById(member.id))!;
        user.rename(name);
        await users.save(user);
      });
    await renameTo('Plan warm-up');
    compiled.length = 0;
    await renameTo('Plan kept');
    await renameTo('Plan kept again');
    expect(compiled).toEqual([]);
    expect((await outboxTypes()).slice(-2)).toEqual(['UserUpdated', 'UserUpdated']);
  } finally {
    compiler.compile = compile;
  }
});
