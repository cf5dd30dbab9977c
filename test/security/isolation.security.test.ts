// Isolation, for every UserService method: a caller of tenant A can neither read nor change anything of
// tenant B whatever ids, page tokens or metadata it sends; a MEMBER cannot do what needs ADMIN; an ADMIN
// cannot act on an OWNER; and no answer tells a caller who may not see something whether it exists
// (answers for existing and non-existing targets are compared, code, reason and message).
import { Metadata, status } from '@grpc/grpc-js';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { Tenant, TenantStatus } from '../../src/gen/proto/userservice/v1/tenant';
import { User, UserStatus } from '../../src/gen/proto/userservice/v1/user';
import { UserServiceService } from '../../src/gen/proto/userservice/v1/user_service';
import { ListAuditEventsRequest } from '../../src/gen/proto/userservice/v1/audit_service';
import { headers } from '../support/grpc-clients';
import { Actor, answer, as, createActor, everyUserServiceCall, refusal, signUpActor, tenantState } from '../support/security-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';

let t: TestApp;
let a: string;
let b: string;
let suspended: string;
const missing = 'no-such-tenant-here';
const A: Record<'owner' | 'admin' | 'member', Actor> = {} as never;
const B: Record<'owner' | 'admin' | 'member', Actor> = {} as never;
let pageTokenOfB: string;

beforeAll(async () => {
  t = await startTestApp();
  a = await createTenant(t, { slug: 'iso-a' });
  b = await createTenant(t, { slug: 'iso-b' });
  suspended = await createTenant(t, { slug: 'iso-s' });
  A.owner = await signUpActor(t, a, 'owner-a');
  A.admin = await createActor(t, A.owner, Role.ROLE_ADMIN, 'admin-a');
  A.member = await signUpActor(t, a, 'member-a');
  B.owner = await signUpActor(t, b, 'owner-b');
  B.admin = await createActor(t, B.owner, Role.ROLE_ADMIN, 'admin-b');
  B.member = await signUpActor(t, b, 'member-b');
  await signUpActor(t, suspended, 'owner-s');
  const page = await t.clients.users.listUsers({ pageSize: 1, pageToken: '', role: 0, status: 0, emailPrefix: '' }, as(B.owner));
  pageTokenOfB = page.nextPageToken;
  expect(pageTokenOfB).not.toBe('');
  const admin = headers({ token: await t.superAdminToken() });
  await t.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug: suspended, status: TenantStatus.TENANT_STATUS_SUSPENDED }), updateMask: ['status'] }, admin);
});
afterAll(async () => {
  await t?.dispose();
});

const roles = ['owner', 'admin', 'member'] as const;

test('the method matrix below covers every UserService method', () => {
  const covered = everyUserServiceCall(t, unknownId).map(([method]) => method.toLowerCase());
  expect(covered.sort()).toEqual(Object.keys(UserServiceService).map((m) => m.toLowerCase()).sort());
});
const unknownId = '0190a0a0-0000-7000-8000-0000000000aa';

describe('a caller of tenant A naming tenant B', () => {
  test.each(roles)('an A %s gets the same PERMISSION_DENIED on every method whether it names B, a suspended tenant or no tenant at all; B is unchanged', async (role) => {
    const caller = A[role];
    const before = await tenantState(b);
    for (const [method, call] of everyUserServiceCall(t, B.member.id, pageTokenOfB)) {
      const existing = answer(await refusal(call(as(caller, b))), { [b]: '<tenant>' });
      const absent = answer(await refusal(call(as(caller, missing))), { [missing]: '<tenant>' });
      const paused = answer(await refusal(call(as(caller, suspended))), { [suspended]: '<tenant>' });
      expect({ method, code: existing.code }).toEqual({ method, code: 'PERMISSION_DENIED' });
      expect({ method, ...absent }).toEqual({ method, ...existing });
      expect({ method, ...paused }).toEqual({ method, ...existing });
    }
    expect(await tenantState(b)).toEqual(before);
  });

  test('a token of B sent with x-tenant-id A is refused on every method, and A is unchanged', async () => {
    const before = await tenantState(a);
    for (const [method, call] of everyUserServiceCall(t, A.member.id)) {
      const error = await refusal(call(headers({ token: B.owner.token, tenant: a })));
      expect({ method, code: status[error.code] }).toEqual({ method, code: 'PERMISSION_DENIED' });
    }
    expect(await tenantState(a)).toEqual(before);
  });

  test('x-tenant-id sent twice (A and B, in either order) is refused on every method; neither tenant changes', async () => {
    const beforeA = await tenantState(a);
    const beforeB = await tenantState(b);
    for (const order of [
      [a, b],
      [b, a],
    ]) {
      for (const [method, call] of everyUserServiceCall(t, B.member.id, pageTokenOfB)) {
        const metadata = new Metadata();
        metadata.set('authorization', `Bearer ${A.owner.token}`);
        for (const tenant of order) metadata.add('x-tenant-id', tenant);
        const error = await refusal(call(metadata));
        expect({ method, order, refused: error.code === status.INVALID_ARGUMENT || error.code === status.PERMISSION_DENIED }).toEqual({ method, order, refused: true });
      }
    }
    expect(await tenantState(a)).toEqual(beforeA);
    expect(await tenantState(b)).toEqual(beforeB);
  });

  test('without a token, naming an existing tenant or a missing one gets the same UNAUTHENTICATED on every method', async () => {
    for (const [method, call] of everyUserServiceCall(t, B.member.id)) {
      const existing = answer(await refusal(call(headers({ tenant: b }))));
      const absent = answer(await refusal(call(headers({ tenant: missing }))));
      expect({ method, code: existing.code }).toEqual({ method, code: 'UNAUTHENTICATED' });
      expect({ method, ...absent }).toEqual({ method, ...existing });
    }
  });
});

describe('a caller of tenant A using ids and page tokens of tenant B in its own tenant', () => {
  test.each(['owner', 'admin'] as const)('for an A %s, B’s users do not exist: GetUser, UpdateUser and DeleteUser answer exactly as for an unknown id, and B is unchanged', async (role) => {
    const caller = A[role];
    const before = await tenantState(b);
    for (const target of [B.owner, B.admin, B.member]) {
      const calls: Array<[string, (id: string) => Promise<unknown>]> = [
        ['GetUser', (id) => t.clients.users.getUser({ userId: id }, as(caller))],
        ['UpdateUser name', (id) => t.clients.users.updateUser({ user: User.fromPartial({ id, name: 'Hijacked' }), updateMask: ['name'] }, as(caller))],
        ['UpdateUser status', (id) => t.clients.users.updateUser({ user: User.fromPartial({ id, status: UserStatus.USER_STATUS_DISABLED }), updateMask: ['status'] }, as(caller))],
        ['UpdateUser role', (id) => t.clients.users.updateUser({ user: User.fromPartial({ id, role: Role.ROLE_MEMBER }), updateMask: ['role'] }, as(caller))],
        ['DeleteUser', (id) => t.clients.users.deleteUser({ userId: id }, as(caller))],
      ];
      for (const [method, call] of calls) {
        const theirs = answer(await refusal(call(target.id)), { [target.id]: '<id>' });
        const nobody = answer(await refusal(call(unknownId)), { [unknownId]: '<id>' });
        expect({ method, code: theirs.code }).toEqual({ method, code: 'NOT_FOUND' });
        expect({ method, ...theirs }).toEqual({ method, ...nobody });
      }
    }
    expect(await tenantState(b)).toEqual(before);
  });

  test('a page token of B’s listing is refused in A exactly like a garbage token', async () => {
    const list = (pageToken: string) => refusal(t.clients.users.listUsers({ pageSize: 1, pageToken, role: 0, status: 0, emailPrefix: '' }, as(A.owner)));
    const theirs = answer(await list(pageTokenOfB));
    const garbage = answer(await list('garbage'));
    expect(theirs.code).toBe('INVALID_ARGUMENT');
    expect(theirs).toEqual(garbage);
  });

  test('ListUsers in A never returns a user of B, on any page, with any filter', async () => {
    const idsOfB = new Set([B.owner.id, B.admin.id, B.member.id]);
    for (const filter of [{}, { role: Role.ROLE_OWNER }, { emailPrefix: B.member.email.slice(0, 6) }, { status: UserStatus.USER_STATUS_ACTIVE }]) {
      let pageToken = '';
      do {
        const page = await t.clients.users.listUsers({ pageSize: 1, pageToken, role: 0, status: 0, emailPrefix: '', ...filter }, as(A.admin));
        for (const user of page.users) {
          expect(idsOfB.has(user.id)).toBe(false);
          expect(user.tenantSlug).toBe(a);
        }
        pageToken = page.nextPageToken;
      } while (pageToken);
    }
  });

  test('UpdateMe ignores an id and a tenant of B in the body: only the caller changes', async () => {
    const before = await tenantState(b);
    const updated = await t.clients.users.updateMe({ user: User.fromPartial({ id: B.member.id, tenantId: b, tenantSlug: b, name: 'Still me' }), updateMask: ['name'] }, as(A.member));
    expect(updated.user).toMatchObject({ id: A.member.id, tenantSlug: a, name: 'Still me' });
    expect(await tenantState(b)).toEqual(before);
  });

  test('an email taken in B is free in A: uniqueness never answers across tenants', async () => {
    const created = await t.clients.users.createUser({ email: B.member.email, name: 'Namesake', password: 'Namesake passphrase 1', role: Role.ROLE_MEMBER }, as(A.admin));
    expect(created.user?.tenantSlug).toBe(a);
    const signedUp = await t.clients.auth.signUp({ email: B.admin.email, name: 'Namesake 2', password: 'Namesake passphrase 2' }, headers({ tenant: a }));
    expect(signedUp.user?.tenantSlug).toBe(a);
    // B's accounts are untouched: their passwords still work in B, and A's namesakes cannot sign in to B.
    await t.clients.auth.login({ email: B.member.email, password: B.member.password }, headers({ tenant: b }));
    expect(status[(await refusal(t.clients.auth.login({ email: B.member.email, password: 'Namesake passphrase 1' }, headers({ tenant: b })))).code]).toBe('UNAUTHENTICATED');
  });
});

describe('roles within a tenant', () => {
  test('a MEMBER is PERMISSION_DENIED on every admin method, identically for existing, unknown and malformed targets', async () => {
    const before = await tenantState(a);
    const adminMethods = (id: string) => everyUserServiceCall(t, id).filter(([method]) => ['ListUsers', 'GetUser', 'CreateUser', 'UpdateUser', 'DeleteUser'].includes(method));
    const existing = adminMethods(A.owner.id);
    const unknown = adminMethods(unknownId);
    const malformed = adminMethods('not-a-uuid');
    for (let i = 0; i < existing.length; i += 1) {
      const [method] = existing[i];
      const answers = await Promise.all([existing[i][1], unknown[i][1], malformed[i][1]].map(async (call) => answer(await refusal(call(as(A.member))))));
      expect({ method, code: answers[0].code }).toEqual({ method, code: 'PERMISSION_DENIED' });
      expect({ method, answers: answers.slice(1) }).toEqual({ method, answers: [answers[0], answers[0]] });
    }
    expect(await tenantState(a)).toEqual(before);
  });

  test('an ADMIN can read an OWNER but cannot disable, demote, rename or delete one, even in a mask with other fields', async () => {
    const owner = await createActor(t, A.owner, Role.ROLE_OWNER, 'protected-owner');
    expect((await t.clients.users.getUser({ userId: owner.id }, as(A.admin))).user?.role).toBe(Role.ROLE_OWNER);
    const before = await tenantState(a);
    const attempts: Array<[string, Promise<unknown>]> = [
      ['disable', t.clients.users.updateUser({ user: User.fromPartial({ id: owner.id, status: UserStatus.USER_STATUS_DISABLED }), updateMask: ['status'] }, as(A.admin))],
      ['demote', t.clients.users.updateUser({ user: User.fromPartial({ id: owner.id, role: Role.ROLE_MEMBER }), updateMask: ['role'] }, as(A.admin))],
      ['rename and demote', t.clients.users.updateUser({ user: User.fromPartial({ id: owner.id, name: 'Renamed', role: Role.ROLE_ADMIN }), updateMask: ['name', 'role'] }, as(A.admin))],
      ['keep the role (a no-op)', t.clients.users.updateUser({ user: User.fromPartial({ id: owner.id, role: Role.ROLE_OWNER }), updateMask: ['role'] }, as(A.admin))],
      ['delete', t.clients.users.deleteUser({ userId: owner.id }, as(A.admin))],
    ];
    for (const [attempt, call] of attempts) {
      const error = await refusal(call);
      expect({ attempt, code: status[error.code] }).toEqual({ attempt, code: 'PERMISSION_DENIED' });
    }
    expect(await tenantState(a)).toEqual(before);
    // The owner still works.
    await t.clients.users.getMe({}, as(owner));
  });

  test('an ADMIN cannot make itself or anyone else an OWNER by any field combination', async () => {
    const before = await tenantState(a);
    const peer = await createActor(t, A.owner, Role.ROLE_MEMBER, 'peer');
    const afterPeer = await tenantState(a);
    const attempts = [
      t.clients.users.updateUser({ user: User.fromPartial({ id: A.admin.id, role: Role.ROLE_OWNER }), updateMask: ['role'] }, as(A.admin)),
      t.clients.users.updateUser({ user: User.fromPartial({ id: peer.id, role: Role.ROLE_OWNER, name: 'Peer' }), updateMask: ['name', 'role'] }, as(A.admin)),
      t.clients.users.createUser({ ...newUser('owner-by-admin'), role: Role.ROLE_OWNER }, as(A.admin)),
    ];
    for (const call of attempts) expect(status[(await refusal(call)).code]).toBe('PERMISSION_DENIED');
    expect(before.users.length + 1).toBe(afterPeer.users.length);
    expect(await tenantState(a)).toEqual(afterPeer);
  });
});

describe('AuditService (the tenant audit trail)', () => {
  const listAudit = (metadata: Metadata, request: Partial<ListAuditEventsRequest> = {}) =>
    t.clients.audit.listAuditEvents({ pageSize: 100, pageToken: '', actorId: '', action: '', ...request }, metadata);

  test('an A owner or admin sees only A’s events: naming B is PERMISSION_DENIED exactly as naming no such tenant, and no event of B ever shows', async () => {
    for (const role of ['owner', 'admin'] as const) {
      const theirs = answer(await refusal(listAudit(as(A[role], b))), { [b]: '<tenant>' });
      const absent = answer(await refusal(listAudit(as(A[role], missing))), { [missing]: '<tenant>' });
      expect(theirs.code).toBe('PERMISSION_DENIED');
      expect(absent).toEqual(theirs);
      expect((await listAudit(as(A[role]))).events.length).toBeGreaterThan(0);
      for (const filter of [{}, { actorId: B.owner.id }, { action: 'UserRegistered' }]) {
        const page = await listAudit(as(A[role]), filter);
        for (const event of page.events) expect({ tenant: event.tenantSlug, actor: event.actor?.id }).toEqual({ tenant: a, actor: expect.not.stringMatching(`^(${B.owner.id}|${B.admin.id}|${B.member.id})$`) });
      }
    }
  });

  test('a tenant user cannot read the platform’s trail (no x-tenant-id), and a MEMBER cannot read its tenant’s', async () => {
    for (const role of roles) expect({ role, code: status[(await refusal(listAudit(headers({ token: A[role].token })))).code] }).not.toEqual({ role, code: 'OK' });
    expect(status[(await refusal(listAudit(as(A.member)))).code]).toBe('PERMISSION_DENIED');
  });

  test('a page token of B’s trail is refused in A', async () => {
    const page = await listAudit(as(B.owner), { pageSize: 1 });
    expect(page.nextPageToken).not.toBe('');
    expect(answer(await refusal(listAudit(as(A.owner), { pageSize: 1, pageToken: page.nextPageToken }))).code).toBe('INVALID_ARGUMENT');
  });
});
