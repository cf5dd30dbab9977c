import { status } from '@grpc/grpc-js';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { User, UserStatus } from '../../src/gen/proto/userservice/v1/user';
import { failure, headers } from '../support/grpc-clients';
import { statusDetails } from '../support/status-details';
import { adminQuery } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';

interface Actor {
  id: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
}

let t: TestApp;
let slug: string;
let owner: Actor;
let admin: Actor;
let member: Actor;

const as = (actor: Actor, tenant = slug) => headers({ token: actor.token, tenant });

async function signUp(tenant: string, name: string): Promise<Actor> {
  const user = newUser(name);
  const r = await t.clients.auth.signUp(user, headers({ tenant }));
  return { id: r.user!.id, email: user.email, password: user.password, token: r.tokens!.accessToken, refreshToken: r.tokens!.refreshToken };
}

async function createAs(creator: Actor, role: Role, name = 'created', tenant = slug): Promise<Actor> {
  const user = newUser(name);
  const created = await t.clients.users.createUser({ ...user, role }, as(creator, tenant));
  const login = await t.clients.auth.login(user, headers({ tenant }));
  return { id: created.user!.id, email: user.email, password: user.password, token: login.tokens!.accessToken, refreshToken: login.tokens!.refreshToken };
}

const update = (actor: Actor, user: Partial<User>, updateMask: string[]) => t.clients.users.updateUser({ user: User.fromPartial(user), updateMask }, as(actor));

beforeAll(async () => {
  t = await startTestApp();
  slug = await createTenant(t, { slug: 'users' });
  owner = await signUp(slug, 'owner');
  admin = await createAs(owner, Role.ROLE_ADMIN, 'admin');
  member = await signUp(slug, 'member');
});
afterAll(async () => {
  await t?.dispose();
});

describe('the caller’s own account', () => {
  test('GetMe returns the caller, without credentials', async () => {
    const me = await t.clients.users.getMe({}, as(member));
    expect(me.user).toMatchObject({ id: member.id, email: member.email, role: Role.ROLE_MEMBER, status: UserStatus.USER_STATUS_ACTIVE, tenantSlug: slug });
    expect(JSON.stringify(me)).not.toMatch(/argon2|passwordHash|password_hash/);
  });

  test('UpdateMe changes the name named in the mask, and nothing else', async () => {
    const updated = await t.clients.users.updateMe({ user: User.fromPartial({ name: '  New Name  ', role: Role.ROLE_OWNER }), updateMask: ['name'] }, as(member));
    expect(updated.user).toMatchObject({ name: 'New Name', role: Role.ROLE_MEMBER });
    expect((await t.clients.users.getMe({}, as(member))).user?.name).toBe('New Name');
    for (const mask of [['role'], ['email'], []]) {
      const error = await failure(t.clients.users.updateMe({ user: User.fromPartial({ name: 'x' }), updateMask: mask }, as(member)));
      expect(statusDetails(error).violations[0].field).toBe('update_mask');
    }
    expect(statusDetails(await failure(t.clients.users.updateMe({ user: User.fromPartial({ name: '' }), updateMask: ['name'] }, as(member)))).violations[0].field).toBe('user.name');
  });
});

describe('administration', () => {
  test('a MEMBER can use none of the admin methods', async () => {
    const calls = [
      t.clients.users.listUsers({ pageSize: 0, pageToken: '', role: 0, status: 0, emailPrefix: '' }, as(member)),
      t.clients.users.getUser({ userId: owner.id }, as(member)),
      t.clients.users.createUser({ ...newUser(), role: Role.ROLE_MEMBER }, as(member)),
      update(member, { id: owner.id, name: 'x' }, ['name']),
      t.clients.users.deleteUser({ userId: owner.id }, as(member)),
    ];
    for (const error of await Promise.all(calls.map(failure))) expect(error.code).toBe(status.PERMISSION_DENIED);
  });

  test('GetUser finds users of the tenant; unknown ids are NOT_FOUND, malformed ones INVALID_ARGUMENT', async () => {
    expect((await t.clients.users.getUser({ userId: member.id }, as(admin))).user?.id).toBe(member.id);
    expect((await failure(t.clients.users.getUser({ userId: '0190a0a0-0000-7000-8000-000000000000' }, as(admin)))).code).toBe(status.NOT_FOUND);
    expect(statusDetails(await failure(t.clients.users.getUser({ userId: "1' OR '1'='1" }, as(admin)))).violations[0].field).toBe('user_id');
  });

  test('CreateUser: an ADMIN adds members and admins but not owners; an OWNER may add owners', async () => {
    await createAs(admin, Role.ROLE_MEMBER);
    await createAs(admin, Role.ROLE_ADMIN);
    const denied = await failure(t.clients.users.createUser({ ...newUser(), role: Role.ROLE_OWNER }, as(admin)));
    expect(denied.code).toBe(status.PERMISSION_DENIED);
    expect((await createAs(owner, Role.ROLE_OWNER, 'coowner')).id).toBeTruthy();
    expect(statusDetails(await failure(t.clients.users.createUser({ ...newUser(), role: Role.ROLE_UNSPECIFIED }, as(owner)))).violations[0].field).toBe('role');
    expect(statusDetails(await failure(t.clients.users.createUser({ ...newUser(), role: Role.ROLE_SUPER_ADMIN }, as(owner)))).violations[0].field).toBe('role');
    const dup = await failure(t.clients.users.createUser({ ...newUser(), email: member.email.toUpperCase(), role: Role.ROLE_MEMBER }, as(owner)));
    expect(dup.code).toBe(status.ALREADY_EXISTS);
  });

  test('UpdateUser: an ADMIN cannot change an OWNER or make one; nobody changes their own role', async () => {
    expect((await failure(update(admin, { id: owner.id, name: 'x' }, ['name']))).code).toBe(status.PERMISSION_DENIED);
    const target = await createAs(owner, Role.ROLE_MEMBER, 'promotee');
    expect((await failure(update(admin, { id: target.id, role: Role.ROLE_OWNER }, ['role']))).code).toBe(status.PERMISSION_DENIED);
    expect((await update(admin, { id: target.id, role: Role.ROLE_ADMIN }, ['role'])).user?.role).toBe(Role.ROLE_ADMIN);
    expect((await failure(update(admin, { id: admin.id, role: Role.ROLE_MEMBER }, ['role']))).code).toBe(status.PERMISSION_DENIED);
    expect((await failure(update(owner, { id: owner.id, role: Role.ROLE_ADMIN }, ['role']))).code).toBe(status.PERMISSION_DENIED);
    expect(statusDetails(await failure(update(owner, { id: target.id, name: 'x' }, ['email_verified']))).violations[0].field).toBe('update_mask');
  });

  test('a disabled user’s access and refresh tokens stop working at once; re-enabled, they can log in again', async () => {
    const target = await createAs(owner, Role.ROLE_MEMBER, 'disabled');
    await t.clients.users.getMe({}, as(target));
    const disabled = await update(admin, { id: target.id, status: UserStatus.USER_STATUS_DISABLED }, ['status']);
    expect(disabled.user?.status).toBe(UserStatus.USER_STATUS_DISABLED);
    const refused = await failure(t.clients.users.getMe({}, as(target)));
    expect(refused.code).toBe(status.UNAUTHENTICATED);
    expect((await failure(t.clients.auth.refreshToken({ refreshToken: target.refreshToken }))).code).toBe(status.UNAUTHENTICATED);
    expect((await failure(t.clients.auth.login({ email: target.email, password: target.password }, headers({ tenant: slug })))).code).toBe(status.UNAUTHENTICATED);
    await update(admin, { id: target.id, status: UserStatus.USER_STATUS_ACTIVE }, ['status']);
    await t.clients.auth.login({ email: target.email, password: target.password }, headers({ tenant: slug }));
  });

  test('DeleteUser: the user and their sessions are gone; an ADMIN cannot delete an OWNER', async () => {
    const target = await createAs(admin, Role.ROLE_MEMBER, 'deleted');
    expect((await failure(t.clients.users.deleteUser({ userId: owner.id }, as(admin)))).code).toBe(status.PERMISSION_DENIED);
    await t.clients.users.deleteUser({ userId: target.id }, as(admin));
    expect((await failure(t.clients.users.getMe({}, as(target)))).code).toBe(status.UNAUTHENTICATED);
    expect((await failure(t.clients.auth.refreshToken({ refreshToken: target.refreshToken }))).code).toBe(status.UNAUTHENTICATED);
    expect((await failure(t.clients.users.getUser({ userId: target.id }, as(admin)))).code).toBe(status.NOT_FOUND);
    expect((await failure(t.clients.users.deleteUser({ userId: target.id }, as(admin)))).code).toBe(status.NOT_FOUND);
  });

  test('the last active OWNER cannot be demoted, disabled or deleted', async () => {
    const tenant = await createTenant(t, { slug: 'solo' });
    const solo = await signUp(tenant, 'solo');
    const helper = await createAs(solo, Role.ROLE_ADMIN, 'helper', tenant);
    const asSolo = headers({ token: solo.token, tenant });
    const demote = await failure(t.clients.users.updateUser({ user: User.fromPartial({ id: solo.id, status: UserStatus.USER_STATUS_DISABLED }), updateMask: ['status'] }, asSolo));
    expect(demote.code).toBe(status.FAILED_PRECONDITION);
    expect(statusDetails(demote).reason).toBe('LAST_OWNER');
    expect((await failure(t.clients.users.deleteUser({ userId: solo.id }, asSolo))).code).toBe(status.FAILED_PRECONDITION);

    // With a second owner, the first may go; then the second is the last.
    await t.clients.users.updateUser({ user: User.fromPartial({ id: helper.id, role: Role.ROLE_OWNER }), updateMask: ['role'] }, asSolo);
    await t.clients.users.deleteUser({ userId: solo.id }, asSolo);
    const helperAsOwner = (await t.clients.auth.login({ email: helper.email, password: helper.password }, headers({ tenant }))).tokens!.accessToken;
    expect((await failure(t.clients.users.deleteUser({ userId: helper.id }, headers({ token: helperAsOwner, tenant })))).code).toBe(status.FAILED_PRECONDITION);
  });

  test('two owners demoting each other at once: one succeeds, the tenant keeps an owner', async () => {
    const tenant = await createTenant(t, { slug: 'duel' });
    const a = await signUp(tenant, 'a');
    const b = await createAs(a, Role.ROLE_OWNER, 'b', tenant);
    const results = await Promise.allSettled([
      t.clients.users.updateUser({ user: User.fromPartial({ id: b.id, status: UserStatus.USER_STATUS_DISABLED }), updateMask: ['status'] }, headers({ token: a.token, tenant })),
      t.clients.users.updateUser({ user: User.fromPartial({ id: a.id, status: UserStatus.USER_STATUS_DISABLED }), updateMask: ['status'] }, headers({ token: b.token, tenant })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const db = `tenant_${tenant.replace(/-/g, '_')}`;
    const owners = await adminQuery<{ n: string }>("SELECT count(*) AS n FROM users WHERE role = 'OWNER' AND status = 'ACTIVE'", [], db);
    expect(Number(owners.rows[0].n)).toBe(1);
  });
});

describe('listing', () => {
  let big: string;
  let bigOwner: Actor;
  beforeAll(async () => {
    big = await createTenant(t, { slug: 'big' });
    bigOwner = await signUp(big, 'bigowner');
    // A few hundred users, inserted directly (hashing each password would only slow the test).
    const db = `tenant_${big.replace(/-/g, '_')}`;
    await adminQuery(
      `INSERT INTO users (id, email, email_normalized, name, password_hash, role, status)
       SELECT gen_random_uuid(), 'u' || i || '@big.test', 'u' || i || '@big.test', 'User ' || i, 'x',
              (CASE WHEN i % 10 = 0 THEN 'ADMIN' ELSE 'MEMBER' END)::"UserRole",
              (CASE WHEN i % 7 = 0 THEN 'DISABLED' ELSE 'ACTIVE' END)::"UserStatus"
       FROM generate_series(1, 300) AS i`,
      [],
      db,
    );
  });

  const list = (request: { pageSize?: number; pageToken?: string; role?: Role; status?: UserStatus; emailPrefix?: string }, tenant = big, actor = bigOwner) =>
    t.clients.users.listUsers({ pageSize: 0, pageToken: '', role: 0, status: 0, emailPrefix: '', ...request }, headers({ token: actor.token, tenant }));

  async function walk(request: Parameters<typeof list>[0]): Promise<User[]> {
    const all: User[] = [];
    let pageToken = '';
    do {
      const page = await list({ ...request, pageToken });
      all.push(...page.users);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return all;
  }

  test('pagination walks every user exactly once, in a stable order', async () => {
    const all = await walk({ pageSize: 37 });
    expect(all).toHaveLength(301);
    expect(new Set(all.map((u) => u.id)).size).toBe(301);
    expect((await walk({ pageSize: 100 })).map((u) => u.id)).toEqual(all.map((u) => u.id));
  });

  test('filters by role, status and email prefix (case-insensitive) combine', async () => {
    expect(await walk({ role: Role.ROLE_ADMIN, pageSize: 7 })).toHaveLength(30);
    expect(await walk({ status: UserStatus.USER_STATUS_DISABLED })).toHaveLength(42);
    const prefixed = await walk({ emailPrefix: 'U1', pageSize: 10 });
    expect(prefixed.every((u) => u.email.startsWith('u1'))).toBe(true);
    expect(prefixed).toHaveLength(111);
    expect(await walk({ role: Role.ROLE_ADMIN, status: UserStatus.USER_STATUS_DISABLED })).toHaveLength(4);
  });

  test('page tokens are bound to their tenant and filters', async () => {
    const first = await list({ pageSize: 5 });
    expect(statusDetails(await failure(list({ pageSize: 5, pageToken: first.nextPageToken, role: Role.ROLE_ADMIN }))).violations[0].field).toBe('page_token');
    expect(statusDetails(await failure(list({ pageSize: 5, pageToken: first.nextPageToken }, slug, owner))).violations[0].field).toBe('page_token');
    expect(statusDetails(await failure(list({ pageSize: -1 }))).violations[0].field).toBe('page_size');
    expect((await list({ pageSize: 5000 })).users.length).toBe(100);
  });

  test('no call shows a user of another tenant', async () => {
    const ids = new Set((await walk({})).map((u) => u.id));
    const here = await walk({}).then(() => list({ pageSize: 100 }, slug, owner));
    for (const u of here.users) expect(ids.has(u.id)).toBe(false);
    expect((await failure(t.clients.users.getUser({ userId: bigOwner.id }, as(owner)))).code).toBe(status.NOT_FOUND);
    expect((await failure(t.clients.users.deleteUser({ userId: bigOwner.id }, as(owner)))).code).toBe(status.NOT_FOUND);
  });
});
