// An OWNER or ADMIN changes a user's sign-in email with UpdateUser (mask `email`), against a real SMTP
// server: the user signs in with the new address only, it is unverified until the link sent to it is
// opened, and a password reset link mailed to the old address no longer works. Nobody changes their own
// email this way; a taken address is ALREADY_EXISTS, a malformed one a field violation.
import { status } from '@grpc/grpc-js';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { User } from '../../src/gen/proto/userservice/v1/user';
import { eventually } from '../support/eventually';
import { failure, headers } from '../support/grpc-clients';
import { ReceivedMail, SmtpSink, tokenFromMail } from '../support/smtp-sink';
import { statusDetails } from '../support/status-details';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';

let t: TestApp;
let sink: SmtpSink;
let slug: string;
let ownerToken: string;
beforeAll(async () => {
  sink = await new SmtpSink().start();
  t = await startTestApp({ SMTP_URL: sink.url(), PUBLIC_APP_URL: 'https://{tenant}.app.example' });
  slug = await createTenant(t, { slug: 'email-change', displayName: 'Moving Co' });
  ownerToken = (await t.clients.auth.signUp(newUser('owner'), headers({ tenant: slug }))).tokens!.accessToken;
});
afterAll(async () => {
  await t?.dispose();
  await sink?.stop();
});

const asOwner = () => headers({ tenant: slug, token: ownerToken });
const login = (email: string, password: string) => t.clients.auth.login({ email, password }, headers({ tenant: slug }));
const changeEmail = (id: string, email: string, token = ownerToken) =>
  t.clients.users.updateUser({ user: User.fromPartial({ id, email }), updateMask: ['email'] }, headers({ tenant: slug, token }));

async function member(label: string) {
  const user = newUser(label);
  const created = await t.clients.users.createUser({ ...user, role: Role.ROLE_MEMBER }, asOwner());
  return { ...user, id: created.user!.id };
}

async function mailTo(email: string, subjectStart: string): Promise<ReceivedMail> {
  return eventually(async () => {
    const received = sink.to(email).filter((m) => m.subject.startsWith(subjectStart));
    if (received.length === 0) throw new Error(`no "${subjectStart}" message to ${email} yet`);
    return received[received.length - 1];
  });
}

test('the new address signs in, the old one no longer does; the new one is unverified until its link is opened', async () => {
  const user = await member('mover');
  await t.clients.auth.verifyEmail({ token: tokenFromMail(await mailTo(user.email, 'Confirm your email'), `https://${slug}.app.example/verify-email`) }, headers({ tenant: slug }));
  const moved = `moved-${user.email}`;
  const answer = await changeEmail(user.id, moved);
  expect(answer.user).toMatchObject({ id: user.id, email: moved, emailVerified: false });

  // The old address is told, with the new one masked and no link.
  const notice = await mailTo(user.email, 'Your');
  expect(notice.subject).toBe('Your Moving Co sign-in email was changed');
  expect(notice.text).toContain(`changed the sign-in email of your account to m••••@${moved.split('@')[1]}`);
  expect(notice.text).not.toContain(moved);
  expect(notice.text).not.toMatch(/https?:/);

  expect(statusDetails(await failure(login(user.email, user.password))).reason).toBe('INVALID_CREDENTIALS');
  const session = await login(moved, user.password);
  expect(session.subject?.$case).toBe('user');
  const me = await t.clients.users.getMe({}, headers({ tenant: slug, token: session.tokens!.accessToken }));
  expect(me.user).toMatchObject({ email: moved, emailVerified: false });

  await t.clients.auth.verifyEmail({ token: tokenFromMail(await mailTo(moved, 'Confirm your email'), `https://${slug}.app.example/verify-email`) }, headers({ tenant: slug }));
  expect((await t.clients.users.getUser({ userId: user.id }, asOwner())).user?.emailVerified).toBe(true);
});

test('a reset link mailed to the old address stops working once the email changes', async () => {
  const user = await member('reset');
  await t.clients.auth.requestPasswordReset({ email: user.email }, headers({ tenant: slug }));
  const token = tokenFromMail(await mailTo(user.email, 'Reset'), `https://${slug}.app.example/reset-password`);
  await changeEmail(user.id, `new-${user.email}`);
  const refused = await failure(t.clients.auth.resetPassword({ token, newPassword: 'A different passphrase 9' }, headers({ tenant: slug })));
  expect(refused.code).toBe(status.UNAUTHENTICATED);
  expect(statusDetails(refused).reason).toBe('RESET_TOKEN_SUPERSEDED');
  expect((await login(`new-${user.email}`, user.password)).subject?.$case).toBe('user');
});

test('refused: a taken address (ALREADY_EXISTS), a malformed one (user.email), one’s own email (OWN_EMAIL), by a MEMBER', async () => {
  const first = await member('first');
  const second = await member('second');
  const taken = await failure(changeEmail(second.id, first.email.toUpperCase()));
  expect({ code: status[taken.code], reason: statusDetails(taken).reason }).toEqual({ code: 'ALREADY_EXISTS', reason: 'EMAIL_TAKEN' });
  const malformed = await failure(changeEmail(second.id, 'not an email'));
  expect(malformed.code).toBe(status.INVALID_ARGUMENT);
  expect(statusDetails(malformed).violations.map((v) => v.field)).toEqual(['user.email']);
  const ownerId = (await t.clients.users.getMe({}, asOwner())).user!.id;
  const own = await failure(changeEmail(ownerId, 'elsewhere@example.test'));
  expect({ code: status[own.code], reason: statusDetails(own).reason }).toEqual({ code: 'PERMISSION_DENIED', reason: 'OWN_EMAIL' });
  const memberToken = (await login(first.email, first.password)).tokens!.accessToken;
  expect((await failure(changeEmail(second.id, 'x@example.test', memberToken))).code).toBe(status.PERMISSION_DENIED);
  // Nothing changed.
  expect((await t.clients.users.getUser({ userId: second.id }, asOwner())).user?.email).toBe(second.email);
});

test('with require_verified_email, the new address signs in only once its link is opened', async () => {
  const user = await member('strict');
  await t.clients.auth.verifyEmail({ token: tokenFromMail(await mailTo(user.email, 'Confirm your email'), `https://${slug}.app.example/verify-email`) }, headers({ tenant: slug }));
  await t.clients.tenants.updateTenant(
    { tenant: Tenant.fromPartial({ slug, requireVerifiedEmail: true }), updateMask: ['require_verified_email'] },
    headers({ token: await t.superAdminToken() }),
  );
  const moved = `strict-moved-${user.email}`;
  await changeEmail(user.id, moved);
  const refused = await failure(login(moved, user.password));
  expect({ code: status[refused.code], reason: statusDetails(refused).reason }).toEqual({ code: 'FAILED_PRECONDITION', reason: 'EMAIL_NOT_VERIFIED' });
  await t.clients.auth.verifyEmail({ token: tokenFromMail(await mailTo(moved, 'Confirm your email'), `https://${slug}.app.example/verify-email`) }, headers({ tenant: slug }));
  expect((await login(moved, user.password)).subject?.$case).toBe('user');
});
