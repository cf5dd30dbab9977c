// Sessions people can see and end (issue 18). Two replicas share the master database and Redis, as two
// replicas behind one load balancer do. Every cache TTL here is at least 60 s, so an access token refused
// within the short waits below was refused because the revocation's invalidation reached that replica,
// never because an entry expired.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ServiceError, status } from '@grpc/grpc-js';
import jwt from 'jsonwebtoken';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { ListTenantsRequest } from '../../src/gen/proto/userservice/v1/tenant_service';
import { eventually } from '../support/eventually';
import { failure, headers } from '../support/grpc-clients';
import { Actor, as, createActor, relogin, signUpActor } from '../support/security-fixtures';
import { statusDetails } from '../support/status-details';
import { startTestApp, SUPERADMIN, TestApp } from '../support/test-app';
import { createTenant } from '../support/tenants';

const env = { REDIS_URL: 'redis://127.0.0.1:6379', CACHE_L1_TTL_SECONDS: '60', CACHE_NEGATIVE_TTL_SECONDS: '60', CACHE_L2_TTL_SECONDS: '600' };
let one: TestApp;
let two: TestApp;
let slug: string;

beforeAll(async () => {
  one = await startTestApp(env);
  // The same signing key, so that a token issued by one replica is good on the other.
  two = await startTestApp({ ...env, JWT_PRIVATE_KEY_FILE: path.join(one.dataDir, 'keys', 'jwt-signing-key.pem') }, one.masterDatabase);
  slug = await createTenant(one, { slug: 'sessions' });
});
afterAll(async () => {
  await two?.stop();
  await one?.dispose();
});

/** Another replica learns of a revocation by a message: a short wait for its delivery, far below any TTL here. */
const delivered = <T>(check: () => Promise<T>) => eventually(check, 3_000, 5);

/** The `sid` claim of an access token. */
const sidOf = (token: string) => (jwt.decode(token) as { sid: string }).sid;

/** The call must be refused because its session ended. */
function expectSessionRevoked(error: ServiceError): void {
  expect(error.code).toBe(status.UNAUTHENTICATED);
  expect(statusDetails(error).reason).toBe('SESSION_REVOKED');
  expect(error.details).toMatch(/session of this access token has been ended; sign in again/);
}

/** GetMe answers on both replicas (their caches now hold the user's revoked-session list). */
async function warm(actor: Actor): Promise<void> {
  for (const t of [one, two]) expect((await t.clients.users.getMe({}, as(actor))).user?.id).toBe(actor.id);
}

describe('own sessions', () => {
  test('access tokens carry their session id; ListMySessions shows each sign-in with when, where and which is current', async () => {
    const first = await signUpActor(one, slug, 'lister');
    const second = await relogin(two, first);
    expect(sidOf(first.token)).not.toBe(sidOf(second.token));

    // A refresh keeps the session (same sid) and moves its last use.
    const before = (await one.clients.auth.listMySessions({}, as(first))).sessions.find((s) => s.id === sidOf(first.token))!;
    const refreshed = await one.clients.auth.refreshToken({ refreshToken: first.refreshToken }, headers({ tenant: slug }));
    expect(sidOf(refreshed.tokens!.accessToken)).toBe(sidOf(first.token));

    const { sessions } = await one.clients.auth.listMySessions({}, as(second));
    expect(sessions.map((s) => s.id).sort()).toEqual([sidOf(first.token), sidOf(second.token)].sort());
    expect(sessions.map((s) => s.current)).toEqual(sessions.map((s) => s.id === sidOf(second.token)));
    // Newest first.
    expect(sessions[0].id).toBe(sidOf(second.token));
    const after = sessions.find((s) => s.id === sidOf(first.token))!;
    expect(after.createTime).toEqual(before.createTime);
    expect(after.lastUsedTime!.getTime()).toBeGreaterThan(before.lastUsedTime!.getTime());
    for (const s of sessions) {
      expect(s.userAgent).toMatch(/grpc-node-js/);
      expect(s.callerAddress).toMatch(/127\.0\.0\.1/);
      expect(s.expireTime!.getTime()).toBeGreaterThan(Date.now());
    }
  });

  test('RevokeSession ends another session: its access token is refused on this replica at once and on another within a message', async () => {
    const me = await signUpActor(one, slug, 'revoker');
    const laptop = await relogin(one, me);
    await warm(laptop);

    const started = performance.now();
    await one.clients.auth.revokeSession({ sessionId: sidOf(laptop.token) }, as(me));
    expectSessionRevoked(await failure(one.clients.users.getMe({}, as(laptop))));
    await delivered(async () => expectSessionRevoked(await failure(two.clients.users.getMe({}, as(laptop)))));
    // Seen, not asserted (no timing in a test): README "Sessions" states the bound measured by bench/.
    process.stdout.write(`revocation seen by the other replica after ${(performance.now() - started).toFixed(1)} ms\n`);

    // Its refresh token is dead too; the caller's own session is untouched on both replicas.
    expect((await failure(one.clients.auth.refreshToken({ refreshToken: laptop.refreshToken }, headers({ tenant: slug })))).code).toBe(status.UNAUTHENTICATED);
    await warm(me);
    expect((await one.clients.auth.listMySessions({}, as(me))).sessions.map((s) => s.id)).toEqual([sidOf(me.token)]);
    // Ending an ended session again is fine (idempotent).
    await one.clients.auth.revokeSession({ sessionId: sidOf(laptop.token) }, as(me));
  });

  test('RevokeSession on the current session signs the caller out', async () => {
    const me = await signUpActor(one, slug, 'self');
    await warm(me);
    await two.clients.auth.revokeSession({ sessionId: sidOf(me.token) }, as(me));
    expectSessionRevoked(await failure(two.clients.users.getMe({}, as(me))));
    await delivered(async () => expectSessionRevoked(await failure(one.clients.users.getMe({}, as(me)))));
  });

  test("another user's session, an unknown one and a malformed id are refused without touching anything", async () => {
    const me = await signUpActor(one, slug, 'mine');
    const other = await signUpActor(one, slug, 'theirs');
    for (const id of [sidOf(other.token), '0190f7a8-0000-7000-8000-000000000000']) {
      const error = await failure(one.clients.auth.revokeSession({ sessionId: id }, as(me)));
      expect(error.code).toBe(status.NOT_FOUND);
      expect(statusDetails(error).reason).toBe('SESSION_NOT_FOUND');
      expect(error.details).toBe(`you have no session '${id}'`);
    }
    await warm(other);
    const malformed = await failure(one.clients.auth.revokeSession({ sessionId: 'not-a-session' }, as(me)));
    expect(malformed.code).toBe(status.INVALID_ARGUMENT);
    expect(statusDetails(malformed).violations).toEqual([{ field: 'session_id', description: 'must be a session id (UUID) from ListMySessions' }]);
    // A tenant user must name the tenant.
    const noTenant = await failure(one.clients.auth.listMySessions({}, headers({ token: me.token })));
    expect(noTenant.code).toBe(status.INVALID_ARGUMENT);
    expect(statusDetails(noTenant).violations[0].field).toBe('x-tenant-id');
  });

  test('RevokeOtherSessions ends every session but the calling one, on every replica', async () => {
    const me = await signUpActor(one, slug, 'elsewhere');
    const phone = await relogin(one, me);
    const tablet = await relogin(two, me);
    await warm(phone);
    await warm(tablet);

    expect((await one.clients.auth.revokeOtherSessions({}, as(me))).revokedCount).toBe(2);
    for (const gone of [phone, tablet]) {
      expectSessionRevoked(await failure(one.clients.users.getMe({}, as(gone))));
      await delivered(async () => expectSessionRevoked(await failure(two.clients.users.getMe({}, as(gone)))));
    }
    await warm(me);
    expect((await two.clients.auth.listMySessions({}, as(me))).sessions.map((s) => s.id)).toEqual([sidOf(me.token)]);
    expect((await one.clients.auth.revokeOtherSessions({}, as(me))).revokedCount).toBe(0);
  });

  test('a password change ends the other sessions’ access tokens at once, not only their refresh tokens', async () => {
    const me = await signUpActor(one, slug, 'changer');
    const old = await relogin(one, me);
    await warm(old);
    await one.clients.users.changePassword({ currentPassword: me.password, newPassword: 'an0ther-Passw0rd!' }, as(me));
    await delivered(async () => expectSessionRevoked(await failure(two.clients.users.getMe({}, as(old)))));
    await warm(me);
  });
});

describe("a user's sessions, for OWNER and ADMIN", () => {
  test('an OWNER lists and ends a member’s sessions; the member’s tokens are refused on every replica', async () => {
    const tenant = await createTenant(one, { slug: 'sess-admin' });
    const owner = await signUpActor(one, tenant, 'owner');
    const member = await signUpActor(one, tenant, 'member');
    const memberPhone = await relogin(two, member);
    await warm(member);
    await warm(memberPhone);

    const listed = await two.clients.users.listUserSessions({ userId: member.id }, as(owner));
    expect(listed.sessions.map((s) => s.id).sort()).toEqual([sidOf(member.token), sidOf(memberPhone.token)].sort());
    expect(listed.sessions.every((s) => !s.current)).toBe(true);

    expect((await one.clients.users.revokeUserSessions({ userId: member.id }, as(owner))).revokedCount).toBe(2);
    for (const gone of [member, memberPhone]) {
      expectSessionRevoked(await failure(one.clients.users.getMe({}, as(gone))));
      await delivered(async () => expectSessionRevoked(await failure(two.clients.users.getMe({}, as(gone)))));
    }
    expect((await one.clients.users.listUserSessions({ userId: member.id }, as(owner))).sessions).toEqual([]);
    await warm(owner);
    // The member signs in again and is back.
    await warm(await relogin(one, member));
  });

  test("an ADMIN cannot see or end an OWNER's sessions, a MEMBER none at all, and unknown users are NOT_FOUND", async () => {
    const tenant = await createTenant(one, { slug: 'sess-rules' });
    const owner = await signUpActor(one, tenant, 'owner');
    const admin = await createActor(one, owner, Role.ROLE_ADMIN, 'admin');
    const member = await createActor(one, owner, Role.ROLE_MEMBER, 'member');
    for (const call of [one.clients.users.listUserSessions({ userId: owner.id }, as(admin)), one.clients.users.revokeUserSessions({ userId: owner.id }, as(admin))]) {
      const error = await failure(call);
      expect(error.code).toBe(status.PERMISSION_DENIED);
      expect(statusDetails(error).reason).toBe('OWNER_PROTECTED');
    }
    const byMember = await failure(one.clients.users.listUserSessions({ userId: owner.id }, as(member)));
    expect(byMember.code).toBe(status.PERMISSION_DENIED);
    expect(statusDetails(byMember).reason).toBe('ROLE_NOT_ALLOWED');
    const unknown = await failure(one.clients.users.revokeUserSessions({ userId: '0190f7a8-0000-7000-8000-000000000000' }, as(admin)));
    expect(unknown.code).toBe(status.NOT_FOUND);
    // An ADMIN may end a MEMBER's sessions; the OWNER's still work.
    expect((await one.clients.users.revokeUserSessions({ userId: member.id }, as(admin))).revokedCount).toBe(1);
    expectSessionRevoked(await failure(one.clients.users.getMe({}, as(member))));
    await warm(owner);
  });
});

describe("a super-admin's own sessions", () => {
  test('listed and ended without a tenant; the ended session is refused on every replica', async () => {
    const login = async (t: TestApp) => (await t.clients.auth.login(SUPERADMIN, headers({}))).tokens!.accessToken;
    const here = await login(one);
    const there = await login(two);
    const admin = (token: string) => headers({ token });
    for (const t of [one, two]) await t.clients.tenants.listTenants(ListTenantsRequest.fromPartial({}), admin(there));

    const { sessions } = await one.clients.auth.listMySessions({}, admin(here));
    expect(sessions.map((s) => s.id)).toEqual(expect.arrayContaining([sidOf(here), sidOf(there)]));
    expect(sessions.find((s) => s.id === sidOf(here))?.current).toBe(true);

    await one.clients.auth.revokeSession({ sessionId: sidOf(there) }, admin(here));
    expectSessionRevoked(await failure(one.clients.tenants.listTenants(ListTenantsRequest.fromPartial({}), admin(there))));
    await delivered(async () => expectSessionRevoked(await failure(two.clients.tenants.listTenants(ListTenantsRequest.fromPartial({}), admin(there)))));
    await two.clients.tenants.listTenants(ListTenantsRequest.fromPartial({}), admin(here));

    // With a tenant named, a super-admin's token is refused by the tenant check (its sessions are the platform's).
    const withTenant = await failure(one.clients.auth.listMySessions({}, headers({ token: here, tenant: slug })));
    expect(withTenant.code).toBe(status.PERMISSION_DENIED);
  });
});
