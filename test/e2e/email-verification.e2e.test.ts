import { status } from '@grpc/grpc-js';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { eventually } from '../support/eventually';
import { failure, headers } from '../support/grpc-clients';
import { statusDetails } from '../support/status-details';
import { ReceivedMail, SmtpSink, tokenFromMail } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';
import { adminQuery } from '../support/test-database';
import { outcomeCounts, rise } from '../support/metric-counts';

/**
 * Email verification end to end against a real SMTP server: SignUp and CreateUser mail a link, VerifyEmail
 * uses its token, ResendVerification sends a new one, and a tenant with require_verified_email refuses
 * sign-in (after the right password only) until the email is verified.
 */
let t: TestApp;
let sink: SmtpSink;
let slug: string;
beforeAll(async () => {
  sink = await new SmtpSink().start();
  t = await startTestApp({ SMTP_URL: sink.url(), PUBLIC_APP_URL: 'https://{tenant}.app.example', PASSWORD_RESET_ACCOUNT_LIMIT: '2' });
  slug = await createTenant(t, { slug: 'verify', displayName: 'Verified Things' });
});
afterAll(async () => {
  await t?.dispose();
  await sink?.stop();
});

const linkBase = (s: string) => `https://${s}.app.example/verify-email`;
const verify = (token: string, tenant = slug) => t.clients.auth.verifyEmail({ token }, headers({ tenant }));
const resend = (email: string, tenant = slug) => t.clients.auth.resendVerification({ email }, headers({ tenant }));
const login = (email: string, password: string, tenant = slug) => t.clients.auth.login({ email, password }, headers({ tenant }));

async function mailTo(email: string, n = 1): Promise<ReceivedMail> {
  return eventually(async () => {
    const received = sink.to(email).filter((m) => m.subject.startsWith('Confirm your email'));
    if (received.length < n) throw new Error(`${received.length} of ${n} verification messages to ${email}`);
    return received[n - 1];
  });
}

const loginCounts = () => outcomeCounts(t, 'userservice_logins_total', ['success', 'refused'] as const);

async function requireVerified(tenant: string, required: boolean): Promise<void> {
  await t.clients.tenants.updateTenant(
    { tenant: Tenant.fromPartial({ slug: tenant, requireVerifiedEmail: required }), updateMask: ['require_verified_email'] },
    headers({ token: await t.superAdminToken() }),
  );
}

test('SignUp mails a link; VerifyEmail marks the user verified (GetMe shows when), once', async () => {
  const user = newUser('verify');
  const signed = await t.clients.auth.signUp(user, headers({ tenant: slug }));
  expect(signed.user).toMatchObject({ emailVerified: false });
  expect(signed.user?.emailVerifyTime).toBeUndefined();
  const mail = await mailTo(user.email);
  expect(mail.subject).toBe('Confirm your email for Verified Things');
  const token = tokenFromMail(mail, linkBase(slug));
  await verify(token);
  const me = await t.clients.users.getMe({}, headers({ token: signed.tokens!.accessToken, tenant: slug }));
  expect(me.user).toMatchObject({ emailVerified: true, emailVerifyTime: expect.any(Date) });
  expect(statusDetails(await failure(verify(token))).reason).toBe('VERIFICATION_TOKEN_USED');
  const { rows } = await adminQuery<{ type: string }>('SELECT type FROM outbox_events WHERE target_id = $1 ORDER BY id', [signed.user!.id], `tenant_${slug.replace(/-/g, '_')}`);
  expect(rows.map((r) => r.type)).toContain('EmailVerified');
});

test('CreateUser mails the new user a link too', async () => {
  const owner = newUser('owner');
  const fresh = await createTenant(t, { slug: 'verify-admin' });
  const { tokens } = await t.clients.auth.signUp(owner, headers({ tenant: fresh }));
  const member = newUser('member');
  await t.clients.users.createUser({ ...member, role: Role.ROLE_MEMBER }, headers({ token: tokens!.accessToken, tenant: fresh }));
  await verify(tokenFromMail(await mailTo(member.email), linkBase(fresh)), fresh);
});

test('require_verified_email: wrong password is INVALID_CREDENTIALS, right password EMAIL_NOT_VERIFIED, verified signs in', async () => {
  const fresh = await createTenant(t, { slug: 'verify-req' });
  const user = newUser('strict');
  await t.clients.auth.signUp(user, headers({ tenant: fresh }));
  await requireVerified(fresh, true);
  const tenant = await t.clients.tenants.getTenant({ slug: fresh }, headers({ token: await t.superAdminToken() }));
  expect(tenant.tenant?.requireVerifiedEmail).toBe(true);

  expect(statusDetails(await failure(login(user.email, 'not the password', fresh))).reason).toBe('INVALID_CREDENTIALS');
  expect(statusDetails(await failure(login('nobody@example.test', user.password, fresh))).reason).toBe('INVALID_CREDENTIALS');
  const before = await loginCounts();
  const refused = await failure(login(user.email, user.password, fresh));
  expect(refused.code).toBe(status.FAILED_PRECONDITION);
  expect(statusDetails(refused).reason).toBe('EMAIL_NOT_VERIFIED');
  // Counted as refused by the tenant's policy, not as a successful sign-in.
  const afterRefusal = await loginCounts();
  expect(rise(before, afterRefusal)).toEqual({ refused: 1, success: 0 });

  await verify(tokenFromMail(await mailTo(user.email), linkBase(fresh)), fresh);
  expect((await login(user.email, user.password, fresh)).subject?.$case).toBe('user');
  const afterSignIn = await loginCounts();
  expect(rise(afterRefusal, afterSignIn)).toEqual({ refused: 0, success: 1 });

  // Off again: an unverified user signs in.
  const other = newUser('lax');
  await t.clients.auth.signUp(other, headers({ tenant: fresh }));
  await requireVerified(fresh, false);
  expect((await login(other.email, other.password, fresh)).subject?.$case).toBe('user');
});

test('ResendVerification: a new link supersedes the first; unknown and verified emails get nothing; throttled per address', async () => {
  const user = newUser('resend');
  await t.clients.auth.signUp(user, headers({ tenant: slug }));
  const first = tokenFromMail(await mailTo(user.email, 1), linkBase(slug));
  await resend(user.email);
  const second = tokenFromMail(await mailTo(user.email, 2), linkBase(slug));
  expect(statusDetails(await failure(verify(first))).reason).toBe('VERIFICATION_TOKEN_SUPERSEDED');
  await resend(user.email); // the address's second resend: the limit (2) is reached by it
  await mailTo(user.email, 3);
  await resend(user.email); // over the limit: OK, nothing sent
  await resend(`ghost.${Date.now()}@example.test`);
  expect(statusDetails(await failure(verify(second))).reason).toBe('VERIFICATION_TOKEN_SUPERSEDED');
  await verify(tokenFromMail(await mailTo(user.email, 3), linkBase(slug)));
  // Verified: resending sends nothing more. A later SignUp's message is the marker that the queue moved on.
  await resend(user.email);
  const marker = newUser('marker');
  await t.clients.auth.signUp(marker, headers({ tenant: slug }));
  await mailTo(marker.email);
  expect(sink.to(user.email)).toHaveLength(3);
});

test('tampered, other-tenant and empty tokens', async () => {
  const user = newUser('tamper');
  await t.clients.auth.signUp(user, headers({ tenant: slug }));
  const token = tokenFromMail(await mailTo(user.email), linkBase(slug));
  const other = await createTenant(t, { slug: 'verify-other' });
  expect(statusDetails(await failure(verify(token, other))).reason).toBe('VERIFICATION_TOKEN_INVALID');
  expect(statusDetails(await failure(verify(token.slice(0, -2) + 'zz'))).reason).toBe('VERIFICATION_TOKEN_INVALID');
  const empty = await failure(verify(''));
  expect(empty.code).toBe(status.INVALID_ARGUMENT);
  expect(statusDetails(empty).violations.map((v) => v.field)).toEqual(['token']);
  await verify(token);
});
