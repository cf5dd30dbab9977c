import { status } from '@grpc/grpc-js';
import jwt from 'jsonwebtoken';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { failure, headers } from '../support/grpc-clients';
import { statusDetails } from '../support/status-details';
import { startTestApp, SUPERADMIN, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';
import { outcomeCounts, rise } from '../support/metric-counts';

let t: TestApp;
let slug: string;
beforeAll(async () => {
  t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:6379', LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_SECONDS: '2' });
  slug = await createTenant(t, { slug: 'auth' });
});
afterAll(async () => {
  await t?.dispose();
});

const signUp = (user: ReturnType<typeof newUser>, tenant = slug) => t.clients.auth.signUp(user, headers({ tenant }));
const login = (email: string, password: string, tenant = slug) => t.clients.auth.login({ email, password }, headers({ tenant }));
const refresh = (refreshToken: string, tenant?: string) => t.clients.auth.refreshToken({ refreshToken }, headers({ tenant }));
const refreshCounts = () => outcomeCounts(t, 'userservice_token_refreshes_total', ['rotated', 'reused', 'invalid'] as const);

describe('sign-up', () => {
  test('the first user of a tenant becomes OWNER, later ones MEMBER, each with a working session', async () => {
    const fresh = await createTenant(t, { slug: 'first' });
    const first = await signUp(newUser('first'), fresh);
    const second = await signUp(newUser('second'), fresh);
    expect(first.user).toMatchObject({ role: Role.ROLE_OWNER, tenantSlug: fresh });
    expect(second.user?.role).toBe(Role.ROLE_MEMBER);
    const claims = jwt.decode(first.tokens!.accessToken) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: first.user!.id, role: 'OWNER', iss: 'user-service', aud: 'user-service' });
    expect(claims).toEqual(expect.objectContaining({ tid: expect.any(String), sid: expect.any(String), jti: expect.any(String), iat: expect.any(Number), exp: expect.any(Number) }));
    expect(first.tokens!.refreshToken).toMatch(new RegExp(`^${fresh}\\.`));
  });

  test('of concurrent first sign-ups exactly one becomes OWNER', async () => {
    const fresh = await createTenant(t, { slug: 'race' });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => signUp(newUser(`racer${i}`), fresh)));
    expect(results.filter((r) => r.user?.role === Role.ROLE_OWNER)).toHaveLength(1);
  });

  test('emails are trimmed and unique regardless of case', async () => {
    const user = newUser('Case');
    const created = await signUp({ ...user, email: `  ${user.email.toUpperCase()}  ` });
    expect(created.user?.email).toBe(user.email.toUpperCase());
    const again = await failure(signUp({ ...user, email: user.email.toLowerCase() }));
    expect(again.code).toBe(status.ALREADY_EXISTS);
    expect((await login(user.email.toLowerCase(), user.password)).subject?.$case).toBe('user');
  });

  test('weak passwords, malformed emails and missing names are refused field by field', async () => {
    const error = await failure(signUp({ email: 'not-an-email', password: 'password1', name: '' }));
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(statusDetails(error).violations.map((v) => v.field).sort()).toEqual(['email', 'name', 'password']);
    for (const password of ['short', 'qwerty123', 'x'.repeat(129)]) {
      const weak = await failure(signUp({ ...newUser(), password }));
      expect(statusDetails(weak).violations).toEqual([{ field: 'password', description: expect.any(String) }]);
    }
  });

  test('a tenant with self sign-up turned off refuses sign-ups', async () => {
    const closed = await createTenant(t, { slug: 'closed', selfSignUpEnabled: false });
    const error = await failure(signUp(newUser(), closed));
    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(statusDetails(error).reason).toBe('SIGN_UP_DISABLED');
  });
});

describe('login', () => {
  test('a user logs in with email and password; a wrong password and an unknown email get the same answer', async () => {
    const user = newUser();
    await signUp(user);
    const ok = await login(user.email, user.password);
    expect(ok.subject).toMatchObject({ $case: 'user', value: { email: user.email } });
    expect(ok.tokens?.refreshToken).not.toBe('');
    const wrong = await failure(login(user.email, 'Not the password 1'));
    const unknown = await failure(login(`nobody.${Date.now()}@example.test`, 'Not the password 1'));
    expect([wrong.code, unknown.code]).toEqual([status.UNAUTHENTICATED, status.UNAUTHENTICATED]);
    expect(unknown.details).toBe(wrong.details);
    expect(wrong.details).toBe('email or password is incorrect');
  });

  test('a user of one tenant cannot log in to another', async () => {
    const user = newUser();
    await signUp(user);
    const other = await createTenant(t, { slug: 'other' });
    expect((await failure(login(user.email, user.password, other))).code).toBe(status.UNAUTHENTICATED);
  });

  test('after N failures the account is locked for the cooling period, even for the right password, then recovers', async () => {
    const user = newUser('locked');
    await signUp(user);
    for (let i = 0; i < 2; i += 1) expect((await failure(login(user.email, 'Wrong password 123'))).code).toBe(status.UNAUTHENTICATED);
    const third = await failure(login(user.email, 'Wrong password 123'));
    expect(third.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(statusDetails(third).reason).toBe('ACCOUNT_LOCKED');
    const locked = await failure(login(user.email, user.password));
    expect(locked.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(locked.details).toMatch(/try again in \d+ seconds/);
    // Another account is not affected.
    const bystander = newUser();
    await signUp(bystander);
    await login(bystander.email, bystander.password);

    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await login(user.email, user.password)).subject?.$case).toBe('user');
  });
});

describe('refresh tokens', () => {
  test('a refresh returns a new pair and the presented token stops working; reusing it revokes the family', async () => {
    const user = newUser();
    const first = (await signUp(user)).tokens!;
    const before = await refreshCounts();
    const second = (await refresh(first.refreshToken)).tokens!;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    const third = (await refresh(second.refreshToken, slug)).tokens!;

    const reuse = await failure(refresh(first.refreshToken));
    expect(reuse.code).toBe(status.UNAUTHENTICATED);
    // The whole family is gone, including the newest token.
    expect((await failure(refresh(third.refreshToken))).code).toBe(status.UNAUTHENTICATED);
    // Other sessions of the user are not affected.
    const other = (await login(user.email, user.password)).tokens!;
    await refresh(other.refreshToken);
    // What an operator sees: the reuse apart from the tokens that were merely invalid (the revoked newest).
    expect(rise(before, await refreshCounts())).toEqual({ rotated: 3, reused: 1, invalid: 1 });
  });

  test('of 20 concurrent refreshes with one token exactly one succeeds', async () => {
    const { refreshToken } = (await signUp(newUser())).tokens!;
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => refresh(refreshToken)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: number }).code).toBe(status.UNAUTHENTICATED);
  });

  test('malformed, unknown and other-tenant refresh tokens are UNAUTHENTICATED with one message', async () => {
    const { refreshToken } = (await signUp(newUser())).tokens!;
    const other = await createTenant(t, { slug: 'elsewhere' });
    const before = await refreshCounts();
    const errors = await Promise.all([
      failure(refresh('garbage')),
      failure(refresh(`${slug}.${'A'.repeat(43)}`)),
      failure(refresh(refreshToken, other)),
      failure(refresh(refreshToken.replace(slug, other))),
    ]);
    for (const error of errors) {
      expect(error.code).toBe(status.UNAUTHENTICATED);
      expect(error.details).toBe(errors[0].details);
    }
    await refresh(refreshToken);
    expect(rise(before, await refreshCounts())).toEqual({ rotated: 1, reused: 0, invalid: 4 });
  });

  test('logout ends the session: its refresh token no longer works', async () => {
    const { refreshToken } = (await signUp(newUser())).tokens!;
    await t.clients.auth.logout({ refreshToken });
    await t.clients.auth.logout({ refreshToken }); // idempotent
    expect((await failure(refresh(refreshToken))).code).toBe(status.UNAUTHENTICATED);
    expect((await failure(t.clients.auth.logout({ refreshToken: 'garbage' }))).code).toBe(status.UNAUTHENTICATED);
  });
});

describe('change password', () => {
  test('needs the current password, ends every other session, keeps this one', async () => {
    const user = newUser();
    const current = (await signUp(user)).tokens!;
    const elsewhere = (await login(user.email, user.password)).tokens!;
    const change = (currentPassword: string, newPassword: string, token = current.accessToken) =>
      t.clients.users.changePassword({ currentPassword, newPassword }, headers({ token, tenant: slug }));

    const wrong = await failure(change('Wrong current 1', 'A new sturdy passphrase'));
    expect(statusDetails(wrong).violations[0].field).toBe('current_password');
    expect(statusDetails(await failure(change(user.password, 'password'))).violations[0].field).toBe('new_password');

    await change(user.password, 'A new sturdy passphrase');
    expect((await failure(refresh(elsewhere.refreshToken))).code).toBe(status.UNAUTHENTICATED);
    await refresh(current.refreshToken);
    expect((await failure(login(user.email, user.password))).code).toBe(status.UNAUTHENTICATED);
    await login(user.email, 'A new sturdy passphrase');
  });

  test('a token of tenant A is refused with x-tenant-id B', async () => {
    const { accessToken } = (await signUp(newUser())).tokens!;
    const other = await createTenant(t, { slug: 'b' });
    const error = await failure(t.clients.users.changePassword({ currentPassword: 'x', newPassword: 'y' }, headers({ token: accessToken, tenant: other })));
    expect(error.code).toBe(status.PERMISSION_DENIED);
  });
});

test('the JWKS verifies tenant tokens too', async () => {
  const { accessToken } = (await signUp(newUser())).tokens!;
  const { keys } = await t.clients.auth.getJwks({});
  const { kid } = jwt.decode(accessToken, { complete: true })!.header;
  expect(keys.map((k) => k.kid)).toContain(kid);
});

describe('super-admin sessions', () => {
  test('a super-admin login returns a refresh token that rotates, detects reuse and logs out, without a tenant', async () => {
    const first = (await t.clients.auth.login(SUPERADMIN)).tokens!;
    expect(first.refreshToken).toMatch(/^platform\./);
    const second = (await refresh(first.refreshToken)).tokens!;
    expect(jwt.decode(second.accessToken)).toMatchObject({ role: 'SUPER_ADMIN' });
    expect(jwt.decode(second.accessToken)).not.toHaveProperty('tid');
    await t.clients.tenants.listTenants({ pageSize: 1, pageToken: '', status: 0 }, headers({ token: second.accessToken }));
    // A platform token is not a tenant's: naming a tenant makes it invalid.
    expect((await failure(refresh(second.refreshToken, slug))).code).toBe(status.UNAUTHENTICATED);
    expect((await failure(refresh(first.refreshToken))).code).toBe(status.UNAUTHENTICATED);
    expect((await failure(refresh(second.refreshToken))).code).toBe(status.UNAUTHENTICATED);

    const other = (await t.clients.auth.login(SUPERADMIN)).tokens!;
    await t.clients.auth.logout({ refreshToken: other.refreshToken });
    expect((await failure(refresh(other.refreshToken))).code).toBe(status.UNAUTHENTICATED);
  });

  test('no tenant can take the slug "platform"', async () => {
    const error = await failure(t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ slug: 'platform', displayName: 'x' }) }, headers({ token: await t.superAdminToken() })));
    expect(error.code).toBe(status.INVALID_ARGUMENT);
  });
});
