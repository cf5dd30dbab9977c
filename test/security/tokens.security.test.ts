// Tokens beyond forgery (which test/e2e/access-control covers): tokens of users deleted, disabled or
// demoted since they were issued, refresh tokens carried to another tenant or outliving their tenant,
// platform tokens used as tenant tokens and the other way round, on every method.
import { status } from '@grpc/grpc-js';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { Tenant, TenantStatus } from '../../src/gen/proto/userservice/v1/tenant';
import { TenantServiceService } from '../../src/gen/proto/userservice/v1/tenant_service';
import { UserServiceService } from '../../src/gen/proto/userservice/v1/user_service';
import { User, UserStatus } from '../../src/gen/proto/userservice/v1/user';
import { headers } from '../support/grpc-clients';
import { statusDetails } from '../support/status-details';
import {
  Actor,
  as,
  createActor,
  everyTenantServiceCall,
  everyUserServiceCall,
  platformState,
  refusal,
  relogin,
  signUpActor,
  tenantState,
} from '../support/security-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant } from '../support/tenants';

let t: TestApp;
let a: string;
let b: string;
let ownerA: Actor;
let memberA: Actor;
let ownerB: Actor;

beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_SECONDS: '60' });
  a = await createTenant(t, { slug: 'tok-a' });
  b = await createTenant(t, { slug: 'tok-b' });
  ownerA = await signUpActor(t, a, 'owner-a');
  memberA = await signUpActor(t, a, 'member-a');
  ownerB = await signUpActor(t, b, 'owner-b');
});
afterAll(async () => {
  await t?.dispose();
});

const superAdmin = async () => headers({ token: await t.superAdminToken() });

describe('tokens of accounts that changed since the token was issued', () => {
  test.each([
    ['deleted ADMIN', Role.ROLE_ADMIN, 'delete'],
    ['deleted OWNER', Role.ROLE_OWNER, 'delete'],
    ['disabled ADMIN', Role.ROLE_ADMIN, 'disable'],
  ] as const)('the access token of a %s is UNAUTHENTICATED on every UserService method, and changes nothing', async (_case, role, change) => {
    const victim = await createActor(t, ownerA, role, 'victim');
    await t.clients.users.getMe({}, as(victim));
    if (change === 'delete') await t.clients.users.deleteUser({ userId: victim.id }, as(ownerA));
    else await t.clients.users.updateUser({ user: User.fromPartial({ id: victim.id, status: UserStatus.USER_STATUS_DISABLED }), updateMask: ['status'] }, as(ownerA));

    const before = await tenantState(a);
    for (const [method, call] of everyUserServiceCall(t, memberA.id)) {
      const error = await refusal(call(as(victim)));
      expect({ method, code: status[error.code] }).toEqual({ method, code: 'UNAUTHENTICATED' });
    }
    expect(await tenantState(a)).toEqual(before);
    // The refresh token, and the password, are dead as well. (Logout of an ended session is idempotent by
    // contract, so only a deleted user's refresh token, gone with the user, is unknown to it.)
    expect(status[(await refusal(t.clients.auth.refreshToken({ refreshToken: victim.refreshToken }))).code]).toBe('UNAUTHENTICATED');
    if (change === 'delete') expect(status[(await refusal(t.clients.auth.logout({ refreshToken: victim.refreshToken }))).code]).toBe('UNAUTHENTICATED');
    expect(status[(await refusal(t.clients.auth.login({ email: victim.email, password: victim.password }, headers({ tenant: a })))).code]).toBe('UNAUTHENTICATED');
  });

  test('a user deleted and signed up again with the same email is a new user: the old tokens stay dead', async () => {
    const first = await signUpActor(t, a, 'again');
    await t.clients.users.deleteUser({ userId: first.id }, as(ownerA));
    const again = await t.clients.auth.signUp({ email: first.email, password: first.password, name: 'Again' }, headers({ tenant: a }));
    expect(again.user?.id).not.toBe(first.id);
    expect(status[(await refusal(t.clients.users.getMe({}, as(first)))).code]).toBe('UNAUTHENTICATED');
    expect(status[(await refusal(t.clients.auth.refreshToken({ refreshToken: first.refreshToken }))).code]).toBe('UNAUTHENTICATED');
    expect((await t.clients.users.getMe({}, headers({ token: again.tokens!.accessToken, tenant: a }))).user?.id).toBe(again.user?.id);
  });

  test('an ADMIN demoted to MEMBER can no longer use admin methods, not even with the token issued before', async () => {
    const demoted = await createActor(t, ownerA, Role.ROLE_ADMIN, 'demoted');
    await t.clients.users.listUsers({ pageSize: 0, pageToken: '', role: 0, status: 0, emailPrefix: '' }, as(demoted));
    await t.clients.users.updateUser({ user: User.fromPartial({ id: demoted.id, role: Role.ROLE_MEMBER }), updateMask: ['role'] }, as(ownerA));

    const target = await createActor(t, ownerA, Role.ROLE_MEMBER, 'target');
    const before = await tenantState(a);
    const adminOnly = everyUserServiceCall(t, target.id).filter(([method]) => ['ListUsers', 'GetUser', 'CreateUser', 'UpdateUser', 'DeleteUser'].includes(method));
    for (const [method, call] of adminOnly) {
      const error = await refusal(call(as(demoted)));
      expect({ method, code: status[error.code] }).toEqual({ method, code: 'PERMISSION_DENIED' });
    }
    expect(await tenantState(a)).toEqual(before);
    // A fresh sign-in gets a MEMBER token, refused the same way.
    const fresh = await relogin(t, demoted);
    expect(status[(await refusal(t.clients.users.listUsers({ pageSize: 0, pageToken: '', role: 0, status: 0, emailPrefix: '' }, as(fresh)))).code]).toBe('PERMISSION_DENIED');
  });

  test('an OWNER demoted to ADMIN can no longer make owners or act on owners with the token issued before', async () => {
    const demoted = await createActor(t, ownerA, Role.ROLE_OWNER, 'ex-owner');
    await t.clients.users.updateUser({ user: User.fromPartial({ id: demoted.id, role: Role.ROLE_ADMIN }), updateMask: ['role'] }, as(ownerA));

    // Targets of this test alone, so that a failure here cannot spill into other tests.
    const member = await createActor(t, ownerA, Role.ROLE_MEMBER, 'would-be-owner');
    const owner = await createActor(t, ownerA, Role.ROLE_OWNER, 'co-owner');
    const before = await tenantState(a);
    const promote = await refusal(t.clients.users.updateUser({ user: User.fromPartial({ id: member.id, role: Role.ROLE_OWNER }), updateMask: ['role'] }, as(demoted)));
    const disableOwner = await refusal(t.clients.users.updateUser({ user: User.fromPartial({ id: owner.id, status: UserStatus.USER_STATUS_DISABLED }), updateMask: ['status'] }, as(demoted)));
    const deleteOwner = await refusal(t.clients.users.deleteUser({ userId: owner.id }, as(demoted)));
    expect([promote, disableOwner, deleteOwner].map((e) => status[e.code])).toEqual(['PERMISSION_DENIED', 'PERMISSION_DENIED', 'PERMISSION_DENIED']);
    expect(await tenantState(a)).toEqual(before);
  });

  test('a stolen access token cannot guess the password through ChangePassword without limit', async () => {
    // Login locks an account after LOGIN_MAX_FAILURES (3 here) wrong passwords; re-authentication must
    // not be the unthrottled way around that.
    const victim = await signUpActor(t, a, 'guessed');
    const before = await tenantState(a);
    for (let i = 0; i < 3; i += 1) await refusal(t.clients.users.changePassword({ currentPassword: `Wrong guess ${i} xyz`, newPassword: 'Attacker passphrase 9' }, as(victim)));
    const right = await refusal(t.clients.users.changePassword({ currentPassword: victim.password, newPassword: 'Attacker passphrase 9' }, as(victim)));
    expect(status[right.code]).toBe('RESOURCE_EXHAUSTED');
    expect(await tenantState(a)).toEqual(before);
  });
});

describe('refresh tokens carried to another tenant or outliving their tenant', () => {
  test('a refresh token of tenant B presented with x-tenant-id A is refused, and B’s session is untouched', async () => {
    const victim = await signUpActor(t, b, 'carried');
    const beforeA = await tenantState(a);
    const beforeB = await tenantState(b);
    const refresh = await refusal(t.clients.auth.refreshToken({ refreshToken: victim.refreshToken }, headers({ tenant: a })));
    const logout = await refusal(t.clients.auth.logout({ refreshToken: victim.refreshToken }, headers({ tenant: a })));
    expect([status[refresh.code], status[logout.code]]).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(await tenantState(a)).toEqual(beforeA);
    expect(await tenantState(b)).toEqual(beforeB);
    // Not revoked, not marked used: it still works in its own tenant.
    await t.clients.auth.refreshToken({ refreshToken: victim.refreshToken });
  });

  test('tokens of a tenant that was deleted are refused by the tenant re-created with the same slug', async () => {
    const slug = await createTenant(t, { slug: 'reborn' });
    const old = await signUpActor(t, slug, 'old');
    await t.clients.tenants.deleteTenant({ slug }, await superAdmin());
    await t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug, displayName: 'Reborn' }) }, await superAdmin());

    expect(status[(await refusal(t.clients.auth.refreshToken({ refreshToken: old.refreshToken }))).code]).toBe('UNAUTHENTICATED');
    expect(status[(await refusal(t.clients.auth.logout({ refreshToken: old.refreshToken }))).code]).toBe('UNAUTHENTICATED');
    for (const [method, call] of everyUserServiceCall(t, old.id)) {
      const error = await refusal(call(as(old)));
      expect({ method, refused: ['UNAUTHENTICATED', 'PERMISSION_DENIED'].includes(status[error.code]) }).toEqual({ method, refused: true });
    }
    // The new tenant starts empty: its first user is its OWNER.
    const first = await signUpActor(t, slug, 'first');
    expect((await t.clients.users.getMe({}, as(first))).user?.role).toBe(Role.ROLE_OWNER);
  });

  test('a suspended tenant’s refresh tokens are refused without being spent, and work once it is active again', async () => {
    const slug = await createTenant(t, { slug: 'paused' });
    const user = await signUpActor(t, slug, 'paused');
    const update = async (tenantStatus: TenantStatus) =>
      t.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug, status: tenantStatus }), updateMask: ['status'] }, await superAdmin());
    await update(TenantStatus.TENANT_STATUS_SUSPENDED);
    const refused = await refusal(t.clients.auth.refreshToken({ refreshToken: user.refreshToken }));
    expect(status[refused.code]).toBe('FAILED_PRECONDITION');
    await update(TenantStatus.TENANT_STATUS_ACTIVE);
    await t.clients.auth.refreshToken({ refreshToken: user.refreshToken });
  });
});

describe('platform tokens and tenant tokens in each other’s place', () => {
  test('the method lists below cover every UserService and TenantService method', () => {
    const names = (calls: Array<[string, unknown]>) => calls.map(([method]) => method.toLowerCase()).sort();
    expect(names(everyUserServiceCall(t, memberA.id))).toEqual(Object.keys(UserServiceService).map((m) => m.toLowerCase()).sort());
    expect(names(everyTenantServiceCall(t, a))).toEqual(Object.keys(TenantServiceService).map((m) => m.toLowerCase()).sort());
  });

  test('a super-admin token is PERMISSION_DENIED on every UserService method, with or without x-tenant-id, and changes nothing', async () => {
    const token = await t.superAdminToken();
    const before = await tenantState(a);
    for (const tenant of [a, undefined]) {
      for (const [method, call] of everyUserServiceCall(t, memberA.id)) {
        const error = await refusal(call(headers({ token, tenant })));
        expect({ method, tenant, code: status[error.code], reason: statusDetails(error).reason }).toEqual({ method, tenant, code: 'PERMISSION_DENIED', reason: 'ROLE_NOT_ALLOWED' });
      }
    }
    expect(await tenantState(a)).toEqual(before);
  });

  test('a tenant OWNER’s token is PERMISSION_DENIED on every TenantService method, with or without x-tenant-id, and changes nothing', async () => {
    const before = await platformState(t.masterDatabase);
    for (const tenant of [a, b, undefined]) {
      for (const [method, call] of everyTenantServiceCall(t, a)) {
        const error = await refusal(call(headers({ token: ownerA.token, tenant })));
        expect({ method, tenant, code: status[error.code], reason: statusDetails(error).reason }).toEqual({ method, tenant, code: 'PERMISSION_DENIED', reason: 'ROLE_NOT_ALLOWED' });
      }
    }
    expect(await platformState(t.masterDatabase)).toEqual(before);
    // Its own tenant still serves it.
    await t.clients.users.getMe({}, as(ownerA));
    await t.clients.users.getMe({}, as(ownerB));
  });
});
