// Bad input: every request field at and past its limits, slugs built to break out of an identifier,
// messages over the receive limit and metadata that is oversized or repeated. Each refusal must carry the
// right status and a message that names what to fix, and must change nothing: the tenant's users and
// sessions, the tenant registry and the set of tenant databases are compared before and after.
import { Metadata, ServiceError, status } from '@grpc/grpc-js';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { AuthServiceService, SignUpRequest } from '../../src/gen/proto/userservice/v1/auth_service';
import { Tenant, TenantStatus } from '../../src/gen/proto/userservice/v1/tenant';
import { TenantServiceService } from '../../src/gen/proto/userservice/v1/tenant_service';
import { User, UserStatus } from '../../src/gen/proto/userservice/v1/user';
import { ListUsersRequest, UserServiceService } from '../../src/gen/proto/userservice/v1/user_service';
import { templateDatabaseName } from '../../src/infrastructure/tenancy/postgres-tenant-database-provisioner';
import { tenantDatabase } from '../support/fault-postgres';
import { failure, headers } from '../support/grpc-clients';
import { cCoreCall } from '../support/security-c-core';
import { Actor, as, createActor, expectViolation, platformState, signUpActor, tenantState } from '../support/security-fixtures';
import { deadlineIn, Outcome, RawClient } from '../support/security-rpc';
import { adminQuery, databaseExists, TEST_SERVER_URL } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';

let t: TestApp;
let raw: RawClient;
let slug: string;
let owner: Actor;
let admin: Actor;
let member: Actor;
let superAdmin: Metadata;

beforeAll(async () => {
  t = await startTestApp();
  raw = new RawClient(t.address);
  slug = await createTenant(t, { slug: 'bad' });
  owner = await signUpActor(t, slug, 'owner');
  admin = await createActor(t, owner, Role.ROLE_ADMIN, 'admin');
  member = await signUpActor(t, slug, 'member');
  superAdmin = headers({ token: await t.superAdminToken() });
});
afterAll(async () => {
  raw?.close();
  await t?.dispose();
});

const state = async () => ({ tenant: await tenantState(slug), platform: await platformState(t.masterDatabase) });

/** Runs `attempt`, expects it refused with `code`, and nothing stored anywhere to have changed. */
async function refusedWithoutEffect(attempt: () => Promise<unknown>, code: status): Promise<ServiceError> {
  const before = await state();
  let error: ServiceError | undefined;
  try {
    await attempt();
  } catch (caught) {
    error = caught as ServiceError;
  }
  expect(error ? status[error.code] : 'OK (the call succeeded)').toBe(status[code]);
  expect(await state()).toEqual(before);
  return error!;
}

const listUsers = (request: Partial<ListUsersRequest>, actor: Actor = owner) =>
  t.clients.users.listUsers({ pageSize: 0, pageToken: '', role: Role.ROLE_UNSPECIFIED, status: UserStatus.USER_STATUS_UNSPECIFIED, emailPrefix: '', ...request }, as(actor));

const HUGE = 100_000;

describe('user fields at and past their limits', () => {
  const signUpCases: Array<[string, Partial<SignUpRequest>, string]> = [
    ['an empty email', { email: '' }, 'email'],
    ['a blank email', { email: '   ' }, 'email'],
    ['an email of 255 characters', { email: `${'a'.repeat(243)}@example.com` }, 'email'],
    ['an email without @', { email: 'no-at-sign.example.com' }, 'email'],
    ['an email without a dot in its domain', { email: 'someone@localhost' }, 'email'],
    ['an email with a space', { email: 'some one@example.com' }, 'email'],
    ['an email with two @', { email: 'a@b@example.com' }, 'email'],
    ['an email with a NUL byte', { email: 'a\u0000b@example.com' }, 'email'],
    ['an email that lower-cases to more than 254 characters', { email: `${'İ'.repeat(240)}@example.com` }, 'email'],
    ['an empty password', { password: '' }, 'password'],
    ['a password of 7 characters', { password: 'Xq7#vL2' }, 'password'],
    ['a password of 129 characters', { password: 'Qz'.repeat(64) + 'Q' }, 'password'],
    ['a common password', { password: 'iloveyou' }, 'password'],
    ['an empty name', { name: '' }, 'name'],
    ['a blank name', { name: ' \t ' }, 'name'],
    ['a name of 201 characters', { name: 'n'.repeat(201) }, 'name'],
    ['a name of 201 emoji', { name: '😀'.repeat(201) }, 'name'],
    ['a name with a control character', { name: 'bell\u0007' }, 'name'],
    ['a name with a NUL byte', { name: 'nul\u0000name' }, 'name'],
  ];

  test.each(signUpCases)('SignUp with %s is INVALID_ARGUMENT naming the field, and creates nothing', async (_case, fields, field) => {
    const error = await refusedWithoutEffect(() => t.clients.auth.signUp({ ...newUser('limit'), ...fields }, headers({ tenant: slug })), status.INVALID_ARGUMENT);
    expectViolation(error, field);
  });

  test.each(signUpCases.filter(([, , field]) => field !== 'password'))('CreateUser with %s is INVALID_ARGUMENT naming the field, and creates nothing', async (_case, fields, field) => {
    const error = await refusedWithoutEffect(() => t.clients.users.createUser({ ...newUser('limit'), ...fields, role: Role.ROLE_MEMBER }, as(admin)), status.INVALID_ARGUMENT);
    expectViolation(error, field);
  });

  test.each([
    ['99', 99],
    ['-1', -1],
    ['ROLE_SUPER_ADMIN', Role.ROLE_SUPER_ADMIN],
  ])('CreateUser with role %s sent as a raw number is INVALID_ARGUMENT on role', async (_case, role) => {
    expectViolation(await refusedWithoutEffect(() => t.clients.users.createUser({ ...newUser('role'), role: role as Role }, as(owner)), status.INVALID_ARGUMENT), 'role');
  });

  test('values exactly at the limits are accepted', async () => {
    const at = [
      { ...newUser('limits'), email: `${'b'.repeat(242 - String(Date.now()).length)}${Date.now()}@example.com` },
      { ...newUser('limits'), password: 'Eight ch' },
      { ...newUser('limits'), password: 'Qz'.repeat(64) },
      { ...newUser('limits'), name: 'n'.repeat(200) },
      { ...newUser('limits'), name: '😀'.repeat(200) },
    ];
    expect(at[0].email).toHaveLength(254);
    for (const user of at) {
      const created = await t.clients.auth.signUp(user, headers({ tenant: slug }));
      expect(created.user?.name).toBe(user.name);
    }
  });
});

describe('sign-in and session tokens that are malformed', () => {
  test.each([
    ['an empty email and password', { email: '', password: '' }],
    ['a malformed email', { email: 'not-an-email', password: 'Some password 123' }],
    ['an email of 100 000 characters', { email: `${'a'.repeat(HUGE)}@example.com`, password: 'Some password 123' }],
    ['an email with a NUL byte', { email: 'a\u0000b@example.com', password: 'Some password 123' }],
  ])('Login with %s gets the one answer of every failed login, and changes nothing', async (_case, credentials) => {
    const unknownAccount = await failure(t.clients.auth.login({ email: `nobody.${Date.now()}@example.com`, password: 'Not the password 1' }, headers({ tenant: slug })));
    const error = await refusedWithoutEffect(() => t.clients.auth.login(credentials, headers({ tenant: slug })), status.UNAUTHENTICATED);
    expect(error.details).toBe(unknownAccount.details);
  });

  test.each([
    ['empty', () => ''],
    ['garbage', () => 'garbage'],
    ['100 000 characters long', () => `${slug}.${'A'.repeat(HUGE)}`],
    ['carrying a NUL byte', () => `${slug}.${'A'.repeat(21)}\u0000${'A'.repeat(21)}`],
  ])('RefreshToken and Logout with a refresh token that is %s are UNAUTHENTICATED with one message, and change nothing', async (_case, token) => {
    const refreshToken = token();
    const refresh = await refusedWithoutEffect(() => t.clients.auth.refreshToken({ refreshToken }), status.UNAUTHENTICATED);
    const logout = await refusedWithoutEffect(() => t.clients.auth.logout({ refreshToken }), status.UNAUTHENTICATED);
    expect(logout.details).toBe(refresh.details);
    expect(refresh.details.length).toBeLessThan(200);
  });
});

describe('UserService fields', () => {
  const badIds: Array<[string, string]> = [
    ['empty', ''],
    ['blank', '   '],
    ['not a UUID', 'not-a-uuid'],
    ['a UUID with a non-hex digit', '0190a0a0-0000-7000-8000-00000000000g'],
    ['a UUID with a suffix', '0190a0a0-0000-7000-8000-000000000000x'],
    ['SQL', "'; DROP TABLE users; --"],
    ['100 000 characters long', 'f'.repeat(HUGE)],
  ];

  test.each(badIds)('GetUser and DeleteUser with a user_id that is %s are INVALID_ARGUMENT on user_id, and change nothing', async (_case, userId) => {
    expectViolation(await refusedWithoutEffect(() => t.clients.users.getUser({ userId }, as(admin)), status.INVALID_ARGUMENT), 'user_id');
    expectViolation(await refusedWithoutEffect(() => t.clients.users.deleteUser({ userId }, as(admin)), status.INVALID_ARGUMENT), 'user_id');
  });

  test('a user id in upper case or padded with spaces names the same user', async () => {
    expect((await t.clients.users.getUser({ userId: member.id.toUpperCase() }, as(admin))).user?.id).toBe(member.id);
    expect((await t.clients.users.getUser({ userId: `  ${member.id}  ` }, as(admin))).user?.id).toBe(member.id);
  });

  const updateUserCases: Array<[string, Partial<User> | undefined, string[], string]> = [
    ['no user', undefined, ['name'], 'user'],
    ['an empty mask', { name: 'x' }, [], 'update_mask'],
    ['an unknown field in the mask', { name: 'x' }, ['nickname'], 'update_mask'],
    ['the read-only id in the mask', { name: 'x' }, ['id'], 'update_mask'],
    ['the read-only tenant_id in the mask', { tenantId: 'other' }, ['tenant_id'], 'update_mask'],
    ['the read-only create_time in the mask', { createTime: new Date(0) }, ['create_time'], 'update_mask'],
    ['the read-only update_time in the mask', { updateTime: new Date(0) }, ['update_time'], 'update_mask'],
    ['an updatable and a read-only field in the mask', { name: 'Half applied', emailVerified: true }, ['name', 'email_verified'], 'update_mask'],
    ['a malformed email', { email: 'not an email' }, ['email'], 'user.email'],
    ['an empty email', { email: '' }, ['email'], 'user.email'],
    ['an email with a NUL byte', { email: 'a\u0000b@example.com' }, ['email'], 'user.email'],
    ['a mask path in upper case', { name: 'x' }, ['NAME'], 'update_mask'],
    ['a mask path prefixed with the resource', { name: 'x' }, ['user.name'], 'update_mask'],
    ['role 99 as a raw number', { role: 99 as Role }, ['role'], 'user.role'],
    ['role -1 as a raw number', { role: -1 as Role }, ['role'], 'user.role'],
    ['role SUPER_ADMIN', { role: Role.ROLE_SUPER_ADMIN }, ['role'], 'user.role'],
    ['role UNSPECIFIED', { role: Role.ROLE_UNSPECIFIED }, ['role'], 'user.role'],
    ['status 99 as a raw number', { status: 99 as UserStatus }, ['status'], 'user.status'],
    ['status UNSPECIFIED', { status: UserStatus.USER_STATUS_UNSPECIFIED }, ['status'], 'user.status'],
    ['a name of 201 characters', { name: 'n'.repeat(201) }, ['name'], 'user.name'],
    ['a name with a NUL byte', { name: 'a\u0000b' }, ['name'], 'user.name'],
    ['a malformed id', { id: 'nope', name: 'x' }, ['name'], 'user.id'],
    ['an empty id', { id: '', name: 'x' }, ['name'], 'user.id'],
  ];

  test.each(updateUserCases)('UpdateUser with %s is INVALID_ARGUMENT naming the field, and changes nothing', async (_case, user, updateMask, field) => {
    const request = { user: user === undefined ? undefined : User.fromPartial({ id: member.id, ...user }), updateMask };
    expectViolation(await refusedWithoutEffect(() => t.clients.users.updateUser(request, as(owner)), status.INVALID_ARGUMENT), field);
  });

  test.each([
    ['no user', undefined, ['name'], 'user'],
    ['the read-only id in the mask', { id: '0190a0a0-0000-7000-8000-000000000000' }, ['id'], 'update_mask'],
    ['tenant_id in the mask', { tenantId: 'elsewhere' }, ['tenant_id'], 'update_mask'],
    ['status in the mask', { status: UserStatus.USER_STATUS_DISABLED }, ['status'], 'update_mask'],
    ['create_time in the mask', { createTime: new Date(0) }, ['create_time'], 'update_mask'],
    ['name and role in the mask', { name: 'Half applied', role: Role.ROLE_OWNER }, ['name', 'role'], 'update_mask'],
    ['a name of 201 characters', { name: 'n'.repeat(201) }, ['name'], 'user.name'],
  ] as Array<[string, Partial<User> | undefined, string[], string]>)('UpdateMe with %s is INVALID_ARGUMENT naming the field, and changes nothing', async (_case, user, updateMask, field) => {
    const request = { user: user === undefined ? undefined : User.fromPartial(user), updateMask };
    expectViolation(await refusedWithoutEffect(() => t.clients.users.updateMe(request, as(member)), status.INVALID_ARGUMENT), field);
  });

  test('ChangePassword refuses every bad field without changing the password', async () => {
    const cases: Array<[string, string, string]> = [
      ['', 'A new sturdy passphrase', 'current_password'],
      [member.password, '', 'new_password'],
      [member.password, 'Xq7#vL2', 'new_password'],
      [member.password, 'Qz'.repeat(64) + 'Q', 'new_password'],
      [member.password, 'iloveyou', 'new_password'],
      [member.password, member.password, 'new_password'],
    ];
    for (const [currentPassword, newPassword, field] of cases) {
      expectViolation(await refusedWithoutEffect(() => t.clients.users.changePassword({ currentPassword, newPassword }, as(member)), status.INVALID_ARGUMENT), field);
    }
    await t.clients.auth.login({ email: member.email, password: member.password }, headers({ tenant: slug }));
  });

  test.each([
    ['a page size of -2147483648', { pageSize: -2147483648 }, 'page_size'],
    ['a garbage page token', { pageToken: 'garbage' }, 'page_token'],
    ['a page token of 100 000 characters', { pageToken: 'A'.repeat(HUGE) }, 'page_token'],
    ['a hand-made page token', { pageToken: Buffer.from(JSON.stringify({ c: '0190a0a0-0000-7000-8000-000000000000', s: 'AAAAAAAAAAAAAAAA' })).toString('base64url') }, 'page_token'],
    ['role 99 as a raw number', { role: 99 as Role }, 'role'],
    ['role -1 as a raw number', { role: -1 as Role }, 'role'],
    ['role SUPER_ADMIN', { role: Role.ROLE_SUPER_ADMIN }, 'role'],
    ['status 99 as a raw number', { status: 99 as UserStatus }, 'status'],
    ['an email prefix of 255 characters', { emailPrefix: 'e'.repeat(255) }, 'email_prefix'],
  ] as Array<[string, Partial<ListUsersRequest>, string]>)('ListUsers with %s is INVALID_ARGUMENT naming the field', async (_case, request, field) => {
    expectViolation(await refusedWithoutEffect(() => listUsers(request), status.INVALID_ARGUMENT), field);
  });

  test('ListUsers refuses a page token of another listing (ListTenants)', async () => {
    await createTenant(t, { slug: 'pagefill' });
    const tenants = await t.clients.tenants.listTenants({ pageSize: 1, pageToken: '', status: TenantStatus.TENANT_STATUS_UNSPECIFIED }, superAdmin);
    expect(tenants.nextPageToken).not.toBe('');
    expectViolation(await refusedWithoutEffect(() => listUsers({ pageToken: tenants.nextPageToken }), status.INVALID_ARGUMENT), 'page_token');
  });

  test.each([
    ['%', 'a LIKE wildcard for any run of characters'],
    ['_', 'a LIKE wildcard for one character'],
    ['%@example.com', 'a wildcard followed by text every email has'],
  ])('an email prefix "%s" (%s) matches only emails that start with it literally', async (emailPrefix) => {
    const page = await listUsers({ emailPrefix, pageSize: 100 });
    expect(page.users.map((u) => u.email).filter((email) => !email.toLowerCase().startsWith(emailPrefix.toLowerCase()))).toEqual([]);
  });

  test('an email prefix with a NUL byte is refused or matches nothing, never an internal error', async () => {
    const outcome = await raw.settle(UserServiceService.listUsers, { pageSize: 0, pageToken: '', role: 0, status: 0, emailPrefix: 'a\u0000' }, as(owner));
    if (outcome.ok) expect(outcome.value.users).toEqual([]);
    else expectViolation(outcome.error, 'email_prefix');
  });
});

describe('tenant slugs built to break out of an identifier', () => {
  test.each([
    ['a single quote', "acme'"],
    ['a double quote', 'acme"x'],
    ['a semicolon', 'acme;x'],
    ['a quote and a comment', "acme'--"],
    ['a statement after a semicolon', 'acme;select-1'],
    ['a leading comment', '--acme'],
    ['a space', 'ac me'],
    ['a trailing newline', 'acme\n'],
    ['a NUL byte', 'acme\u0000'],
    ['full-width letters', 'ａｃｍｅ'],
    ['a zero-width space', 'acme\u200bcorp'],
    ['a dotless i', 'acmeı'],
    ['upper case letters in the middle', 'acME-corp'],
    ['an underscore (the database name separator)', 'acme_corp'],
    ['the reserved name template0', 'template0'],
    ['64 characters', 'a'.repeat(64)],
    ['100 000 characters', 'a'.repeat(HUGE)],
    ['nothing', ''],
  ])('CreateTenant with a slug with %s is INVALID_ARGUMENT on tenant.slug; no registry row, no database', async (_case, tenantSlug) => {
    const error = await refusedWithoutEffect(() => t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug: tenantSlug, displayName: 'x' }) }, superAdmin), status.INVALID_ARGUMENT);
    expectViolation(error, 'tenant.slug');
    if (tenantSlug.length < 60 && !tenantSlug.includes('\u0000')) expect(await databaseExists(tenantDatabase(tenantSlug))).toBe(false);
  });

  test.each([
    ['of 201 characters', 'd'.repeat(201)],
    ['with a NUL byte', 'a\u0000b'],
    ['that is empty', ''],
  ])('CreateTenant with a display name %s is INVALID_ARGUMENT on tenant.display_name', async (_case, displayName) => {
    const error = await refusedWithoutEffect(() => t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug: 'valid-slug-dn', displayName }) }, superAdmin), status.INVALID_ARGUMENT);
    expectViolation(error, 'tenant.display_name');
  });

  test('CreateTenant without a tenant is INVALID_ARGUMENT on tenant', async () => {
    expectViolation(await refusedWithoutEffect(() => t.clients.tenants.createTenant({ tenant: undefined }, superAdmin), status.INVALID_ARGUMENT), 'tenant');
  });

  test('output-only fields sent to CreateTenant are ignored: the server picks id, status, server and times', async () => {
    const tenantSlug = `oo-${Date.now().toString(36)}`;
    const created = await t.clients.tenants.createTenant(
      {
        tenant: Tenant.fromPartial({
          slug: tenantSlug,
          displayName: 'Output only',
          id: '0190a0a0-0000-7000-8000-000000000000',
          status: TenantStatus.TENANT_STATUS_SUSPENDED,
          databaseServer: 'attacker-controlled',
          createTime: new Date(0),
          updateTime: new Date(0),
        }),
      },
      superAdmin,
    );
    expect(created.tenant).toMatchObject({ slug: tenantSlug, status: TenantStatus.TENANT_STATUS_ACTIVE, databaseServer: 'default' });
    expect(created.tenant?.id).not.toBe('0190a0a0-0000-7000-8000-000000000000');
    expect(created.tenant?.createTime?.getTime()).toBeGreaterThan(0);
  });

  test.each([
    ['empty', ''],
    ['SQL', "x'; DROP DATABASE postgres; --"],
    ['upper case', 'BAD'],
  ])('GetTenant, UpdateTenant and DeleteTenant with a slug that is %s are INVALID_ARGUMENT, and change nothing', async (_case, tenantSlug) => {
    expectViolation(await refusedWithoutEffect(() => t.clients.tenants.getTenant({ slug: tenantSlug }, superAdmin), status.INVALID_ARGUMENT), 'slug');
    expectViolation(
      await refusedWithoutEffect(
        () => t.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug: tenantSlug, displayName: 'x' }), updateMask: ['display_name'] }, superAdmin),
        status.INVALID_ARGUMENT,
      ),
      'tenant.slug',
    );
    expectViolation(await refusedWithoutEffect(() => t.clients.tenants.deleteTenant({ slug: tenantSlug }, superAdmin), status.INVALID_ARGUMENT), 'slug');
  });

  const hugeCalls: Array<[string, (client: RawClient) => Promise<Outcome<unknown>>]> = [
    ['GetTenant', (client) => client.settle(TenantServiceService.getTenant, { slug: 'a'.repeat(HUGE) }, superAdmin, deadlineIn(5_000))],
    ['DeleteTenant', (client) => client.settle(TenantServiceService.deleteTenant, { slug: 'a'.repeat(HUGE) }, superAdmin, deadlineIn(5_000))],
    [
      'UpdateTenant',
      (client) =>
        client.settle(TenantServiceService.updateTenant, { tenant: Tenant.fromPartial({ slug: 'a'.repeat(HUGE), displayName: 'x' }), updateMask: ['display_name'] }, superAdmin, deadlineIn(5_000)),
    ],
    [
      'UpdateMe (a mask path of 100 000 characters)',
      (client) => client.settle(UserServiceService.updateMe, { user: User.fromPartial({ name: 'x' }), updateMask: ['x'.repeat(HUGE)] }, as(member), deadlineIn(5_000)),
    ],
  ];

  test.each(hugeCalls)('%s with a 100 000-character value is answered at once with a short INVALID_ARGUMENT, and the connection keeps working', async (_method, call) => {
    const client = new RawClient(t.address);
    try {
      const outcome = await call(client);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(status[outcome.error.code]).toBe('INVALID_ARGUMENT');
      expect(outcome.error.details.length).toBeLessThan(1024);
      // The same connection still carries calls.
      const after = await client.settle(AuthServiceService.getJwks, {}, new Metadata(), deadlineIn(5_000));
      expect(after.ok).toBe(true);
    } finally {
      client.close();
    }
  });

  test.each([
    ['the read-only id', ['id']],
    ['the read-only create_time', ['create_time']],
    ['the read-only update_time', ['update_time']],
    ['an updatable and an immutable field', ['display_name', 'slug']],
  ])('UpdateTenant with %s in the mask is INVALID_ARGUMENT on update_mask, and changes nothing', async (_case, updateMask) => {
    const error = await refusedWithoutEffect(
      () => t.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug, displayName: 'Half applied', id: 'x' }), updateMask }, superAdmin),
      status.INVALID_ARGUMENT,
    );
    expectViolation(error, 'update_mask');
  });

  test.each([
    ['99 as a raw number', 99],
    ['PROVISIONING', TenantStatus.TENANT_STATUS_PROVISIONING],
    ['UNSPECIFIED', TenantStatus.TENANT_STATUS_UNSPECIFIED],
  ])('UpdateTenant to status %s is INVALID_ARGUMENT on tenant.status, and changes nothing', async (_case, tenantStatus) => {
    const error = await refusedWithoutEffect(
      () => t.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug, status: tenantStatus as TenantStatus }), updateMask: ['status'] }, superAdmin),
      status.INVALID_ARGUMENT,
    );
    expectViolation(error, 'tenant.status');
  });

  test.each([
    ['status 99 as a raw number', { status: 99 as TenantStatus }, 'status'],
    ['a page size of -2147483648', { pageSize: -2147483648 }, 'page_size'],
    ['a page token of 100 000 characters', { pageToken: 'A'.repeat(HUGE) }, 'page_token'],
  ])('ListTenants with %s is INVALID_ARGUMENT naming the field', async (_case, request, field) => {
    const error = await refusedWithoutEffect(
      () => t.clients.tenants.listTenants({ pageSize: 0, pageToken: '', status: TenantStatus.TENANT_STATUS_UNSPECIFIED, ...request }, superAdmin),
      status.INVALID_ARGUMENT,
    );
    expectViolation(error, field);
  });

  test('ListTenants refuses a page token of ListUsers', async () => {
    await createActor(t, owner, Role.ROLE_MEMBER, 'pager');
    const users = await listUsers({ pageSize: 1 });
    expect(users.nextPageToken).not.toBe('');
    const error = await refusedWithoutEffect(() => t.clients.tenants.listTenants({ pageSize: 1, pageToken: users.nextPageToken, status: 0 }, superAdmin), status.INVALID_ARGUMENT);
    expectViolation(error, 'page_token');
  });
});

describe('slugs whose database name is already taken on the server', () => {
  test('a slug whose database name is the template every tenant is cloned from never gets the template as its database', async () => {
    const template = templateDatabaseName(`${TEST_SERVER_URL}/${t.masterDatabase}`);
    const collidingSlug = template.slice('tenant_'.length).replace(/_/g, '-');
    expect(tenantDatabase(collidingSlug)).toBe(template);
    const outcome = await raw.settle(TenantServiceService.createTenant, { tenant: Tenant.fromPartial({ slug: collidingSlug, displayName: 'Template thief' }) }, superAdmin, deadlineIn(30_000));
    const row = await adminQuery<{ database_name: string }>('SELECT database_name FROM tenants WHERE slug = $1', [collidingSlug], t.masterDatabase);
    expect({ created: outcome.ok, database: row.rows[0]?.database_name ?? 'none' }).toEqual({ created: outcome.ok, database: outcome.ok ? expect.not.stringMatching(`^${template}$`) : 'none' });
    if (outcome.ok) {
      // Were it the template, a user planted here would be in every tenant created from now on.
      await t.clients.auth.signUp({ email: 'planted@template.test', password: 'Planted passphrase 1', name: 'Planted' }, headers({ tenant: collidingSlug }));
      const later = await createTenant(t, { slug: 'after-template' });
      const planted = await raw.settle(AuthServiceService.login, { email: 'planted@template.test', password: 'Planted passphrase 1' }, headers({ tenant: later }));
      expect(planted.ok ? 'OK: the planted user signs in to a tenant created later' : status[planted.error.code]).toBe('UNAUTHENTICATED');
    }
    const users = await adminQuery<{ n: string }>('SELECT count(*) AS n FROM users', [], template);
    expect(Number(users.rows[0].n)).toBe(0);
  });

  test('a slug whose database name is the master database’s never gets the master as its database, and deleting it never drops the master', async () => {
    // A deployment whose master database happens to be called `tenant_<something>`.
    const suffix = `m${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
    const other = await startTestApp({}, `tenant_${suffix}`);
    try {
      const token = headers({ token: await other.superAdminToken() });
      const client = new RawClient(other.address);
      const outcome = await client.settle(TenantServiceService.createTenant, { tenant: Tenant.fromPartial({ slug: suffix, displayName: 'Master thief' }) }, token, deadlineIn(30_000));
      const row = await adminQuery<{ database_name: string }>('SELECT database_name FROM tenants WHERE slug = $1', [suffix], other.masterDatabase);
      expect(row.rows.map((r) => r.database_name)).not.toContain(other.masterDatabase);
      if (outcome.ok) await client.settle(TenantServiceService.deleteTenant, { slug: suffix }, token, deadlineIn(30_000));
      client.close();
      expect(await databaseExists(other.masterDatabase)).toBe(true);
      const tables = await adminQuery<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1", [], other.masterDatabase);
      expect(tables.rows.map((r) => r.table_name)).not.toContain('users');
      await other.clients.tenants.listTenants({ pageSize: 0, pageToken: '', status: 0 }, token);
    } finally {
      await other.dispose();
    }
  });

  test('two deployments sharing a database server never share a tenant database, whatever slugs they pick', async () => {
    const other = await startTestApp();
    try {
      const shared = `shared-${Date.now().toString(36)}`;
      await other.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug: shared, displayName: 'Theirs' }) }, headers({ token: await other.superAdminToken() }));
      const theirs = await signUpActor(other, shared, 'theirs');

      const outcome = await raw.settle(TenantServiceService.createTenant, { tenant: Tenant.fromPartial({ slug: shared, displayName: 'Ours' }) }, superAdmin, deadlineIn(30_000));
      if (outcome.ok) {
        // Created: then in a database of its own, where the other deployment's users do not exist.
        const crossLogin = await raw.settle(AuthServiceService.login, { email: theirs.email, password: theirs.password }, headers({ tenant: shared }));
        expect(crossLogin.ok ? 'OK: signed in to our tenant with the other deployment’s account' : status[crossLogin.error.code]).toBe('UNAUTHENTICATED');
        const ours = await signUpActor(t, shared, 'ours');
        expect((await t.clients.users.getMe({}, as(ours))).user?.role).toBe(Role.ROLE_OWNER);
        await t.clients.tenants.deleteTenant({ slug: shared }, superAdmin);
      }
      // Either way, the other deployment's tenant is intact and still theirs alone.
      const login = await other.clients.auth.login({ email: theirs.email, password: theirs.password }, headers({ tenant: shared }));
      expect(login.subject?.$case === 'user' ? login.subject.value.id : undefined).toBe(theirs.id);
    } finally {
      await other.dispose();
    }
  });

  test('a slug whose database already exists on the server (not a tenant database of ours) neither adopts nor drops it', async () => {
    const foreignSlug = `foreign-${Date.now().toString(36)}`;
    const foreign = tenantDatabase(foreignSlug);
    await adminQuery(`CREATE DATABASE "${foreign}"`);
    try {
      await adminQuery('CREATE TABLE users (id text PRIMARY KEY, secret text)', [], foreign);
      await adminQuery("INSERT INTO users VALUES ('someone-else', 'their data')", [], foreign);
      const outcome = await raw.settle(TenantServiceService.createTenant, { tenant: Tenant.fromPartial({ slug: foreignSlug, displayName: 'Squatter' }) }, superAdmin, deadlineIn(30_000));
      expect(await databaseExists(foreign)).toBe(true);
      // Refused, or placed in a database of its own: never the existing one.
      const row = await adminQuery<{ database_name: string }>('SELECT database_name FROM tenants WHERE slug = $1', [foreignSlug], t.masterDatabase);
      if (outcome.ok) expect(row.rows[0]?.database_name).not.toBe(foreign);
      else expect(row.rows).toEqual([]);
      const tables = await adminQuery<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1", [], foreign);
      expect(tables.rows.map((r) => r.table_name)).toEqual(['users']);
      expect((await adminQuery('SELECT * FROM users', [], foreign)).rows).toEqual([{ id: 'someone-else', secret: 'their data' }]);
    } finally {
      // No registry row may outlive the test (dispose would drop the database it names).
      await adminQuery('DELETE FROM tenants WHERE slug = $1', [foreignSlug], t.masterDatabase);
      if (await databaseExists(foreign)) await adminQuery(`DROP DATABASE "${foreign}" WITH (FORCE)`);
    }
  });
});

describe('messages over the receive limit and metadata that is oversized or repeated', () => {
  const TWO_MIB = 2 * 1024 * 1024;

  test('a 2 MiB name is RESOURCE_EXHAUSTED before any handler runs; nothing is created; the connection keeps working', async () => {
    await refusedWithoutEffect(() => t.clients.auth.signUp({ ...newUser('huge'), name: 'x'.repeat(TWO_MIB) }, headers({ tenant: slug })), status.RESOURCE_EXHAUSTED);
    await refusedWithoutEffect(() => t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug: 'huge-name', displayName: 'x'.repeat(TWO_MIB) }) }, superAdmin), status.RESOURCE_EXHAUSTED);
    await t.clients.users.getMe({}, as(member));
  });

  test('a name just under the receive limit is INVALID_ARGUMENT with a short message', async () => {
    const error = await refusedWithoutEffect(() => t.clients.auth.signUp({ ...newUser('big'), name: 'x'.repeat(900 * 1024) }, headers({ tenant: slug })), status.INVALID_ARGUMENT);
    expectViolation(error, 'name');
  });

  test('metadata over the 16 KiB cap is RESOURCE_EXHAUSTED, on reads and writes, and changes nothing', async () => {
    const oversized = (metadata: Metadata) => {
      metadata.set('x-padding', 'p'.repeat(20 * 1024));
      return metadata;
    };
    await refusedWithoutEffect(() => t.clients.users.getMe({}, oversized(as(member))), status.RESOURCE_EXHAUSTED);
    await refusedWithoutEffect(() => t.clients.users.updateMe({ user: User.fromPartial({ name: 'Padded' }), updateMask: ['name'] }, oversized(as(member))), status.RESOURCE_EXHAUSTED);
  });

  test('metadata of 100 KiB is answered promptly with an error (not left to the deadline), and the server keeps serving', async () => {
    const client = new RawClient(t.address);
    try {
      const metadata = as(member);
      metadata.set('x-padding', 'p'.repeat(100 * 1024));
      const outcome = await client.settle(UserServiceService.getMe, {}, metadata, deadlineIn(10_000));
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(status[outcome.error.code]).not.toBe('DEADLINE_EXCEEDED');
      expect((await t.clients.users.getMe({}, as(member))).user?.id).toBe(member.id);
    } finally {
      client.close();
    }
  });

  describe('repeated headers, sent through gRPC’s C core (Node’s HTTP/2 cannot repeat authorization)', () => {
    const getMe = '/userservice.v1.UserService/GetMe';
    const bearer = () => `Bearer ${member.token}`;

    test('the C-core client itself works (control)', async () => {
      const outcome = await cCoreCall(t.address, getMe, [['authorization', bearer()], ['x-tenant-id', slug]]);
      expect(status[outcome.code]).toBe('OK');
    });

    // Node's HTTP/2 layer keeps only the first value of a repeated `authorization` (a single-valued
    // header, RFC 9110), before grpc-js or our interceptors see the request; the service cannot refuse the
    // repetition itself (docs/SECURITY.md). What it guarantees: the first header decides, a second one
    // can never add to or override it.
    test.each([
      ['a valid token, then garbage', () => [bearer(), 'Bearer x.y.z'], 'OK'],
      ['garbage, then a valid token', () => ['Bearer x.y.z', bearer()], 'UNAUTHENTICATED'],
      ['no scheme, then a valid token', () => ['x.y.z', bearer()], 'UNAUTHENTICATED'],
    ])('two authorization headers (%s): only the first counts', async (_case, values, expected) => {
      const [first, second] = values();
      const outcome = await cCoreCall(t.address, getMe, [['authorization', first], ['authorization', second], ['x-tenant-id', slug]]);
      expect(status[outcome.code]).toBe(expected);
    });

    test.each([
      ['two different tenants', () => [slug, 'other-tenant']],
      ['the same tenant twice', () => [slug, slug]],
    ])('two x-tenant-id headers (%s) are INVALID_ARGUMENT', async (_case, values) => {
      const [first, second] = values();
      const outcome = await cCoreCall(t.address, getMe, [['authorization', bearer()], ['x-tenant-id', first], ['x-tenant-id', second]]);
      expect(status[outcome.code]).toBe('INVALID_ARGUMENT');
      expect(outcome.details).toContain('x-tenant-id');
    });
  });

  test('x-tenant-id in another case than the slug is INVALID_ARGUMENT, not resolved to the tenant', async () => {
    const error = await failure(t.clients.users.getMe({}, headers({ token: member.token, tenant: slug.toUpperCase() })));
    expectViolation(error, 'x-tenant-id');
  });
});
