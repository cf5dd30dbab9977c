import { status } from '@grpc/grpc-js';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { InvitationState } from '../../src/gen/proto/userservice/v1/user_service';
import { eventually } from '../support/eventually';
import { failure, headers } from '../support/grpc-clients';
import { statusDetails } from '../support/status-details';
import { ReceivedMail, SmtpSink, tokenFromMail } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';
import { adminQuery } from '../support/test-database';

/** Invitations end to end against a real SMTP server; every token is read from the received message. */
let t: TestApp;
let sink: SmtpSink;
let slug: string;
let owner: { token: string; id: string };
let admin: { token: string; id: string };
beforeAll(async () => {
  sink = await new SmtpSink().start();
  t = await startTestApp({ SMTP_URL: sink.url(), PUBLIC_APP_URL: 'https://{tenant}.app.example' });
  slug = await createTenant(t, { slug: 'invite', displayName: 'Invite Co' });
  const o = await t.clients.auth.signUp(newUser('owner'), headers({ tenant: slug }));
  owner = { token: o.tokens!.accessToken, id: o.user!.id };
  const adminUser = newUser('admin');
  await t.clients.users.createUser({ ...adminUser, role: Role.ROLE_ADMIN }, headers({ token: owner.token, tenant: slug }));
  const a = await t.clients.auth.login(adminUser, headers({ tenant: slug }));
  admin = { token: a.tokens!.accessToken, id: (a.subject as { value: { id: string } }).value.id };
});
afterAll(async () => {
  await t?.dispose();
  await sink?.stop();
});

const as = (actor: { token: string }, tenant = slug) => headers({ token: actor.token, tenant });
const linkBase = (s: string) => `https://${s}.app.example/accept-invitation`;
const invite = (actor: { token: string }, email: string, role = Role.ROLE_MEMBER, name = 'Invited Person') => t.clients.users.inviteUser({ email, role, name }, as(actor));
const accept = (token: string, password = 'An invited passphrase 1', name = '', tenant = slug) => t.clients.auth.acceptInvitation({ token, password, name }, headers({ tenant }));

async function invitationTo(email: string, n = 1): Promise<ReceivedMail> {
  return eventually(async () => {
    const received = sink.to(email).filter((m) => m.subject.startsWith('You are invited'));
    if (received.length < n) throw new Error(`${received.length} of ${n} invitations to ${email}`);
    return received[n - 1];
  });
}

test('an ADMIN invites a MEMBER; accepting creates an ACTIVE user with a verified email, signed in', async () => {
  const email = `guest.${Date.now()}@example.test`;
  const { invitation } = await invite(admin, email, Role.ROLE_MEMBER, 'Guest Star');
  expect(invitation).toMatchObject({ email, name: 'Guest Star', role: Role.ROLE_MEMBER, state: InvitationState.INVITATION_STATE_PENDING, invitedBy: admin.id });
  const mail = await invitationTo(email);
  expect(mail.subject).toBe('You are invited to Invite Co');
  expect(mail.text).toContain('as Member');
  const accepted = await accept(tokenFromMail(mail, linkBase(slug)));
  expect(accepted.user).toMatchObject({ email, name: 'Guest Star', role: Role.ROLE_MEMBER, emailVerified: true });
  const me = await t.clients.users.getMe({}, headers({ token: accepted.tokens!.accessToken, tenant: slug }));
  expect(me.user?.id).toBe(accepted.user!.id);
  const { invitations } = await t.clients.users.listInvitations({ pageSize: 0, pageToken: '' }, as(owner));
  expect(invitations.find((i) => i.id === invitation!.id)?.state).toBe(InvitationState.INVITATION_STATE_ACCEPTED);
  // No verification mail for an invited user: the invitation proved the address.
  expect(sink.to(email).filter((m) => m.subject.startsWith('Confirm'))).toHaveLength(0);
});

test("CreateUser's role rules: only an OWNER invites an OWNER; a MEMBER may not invite; a taken email is EMAIL_TAKEN", async () => {
  const denied = await failure(invite(admin, `o.${Date.now()}@example.test`, Role.ROLE_OWNER));
  expect(denied.code).toBe(status.PERMISSION_DENIED);
  expect(statusDetails(denied).reason).toBe('OWNER_REQUIRED');
  const email = `o2.${Date.now()}@example.test`;
  await invite(owner, email, Role.ROLE_OWNER);
  const member = newUser('member');
  await t.clients.users.createUser({ ...member, role: Role.ROLE_MEMBER }, as(owner));
  const m = await t.clients.auth.login(member, headers({ tenant: slug }));
  expect(statusDetails(await failure(invite({ token: m.tokens!.accessToken }, `x.${Date.now()}@example.test`))).reason).toBe('ROLE_NOT_ALLOWED');
  const taken = await failure(invite(owner, member.email));
  expect(taken.code).toBe(status.ALREADY_EXISTS);
  expect(statusDetails(taken).reason).toBe('EMAIL_TAKEN');
  const bad = await failure(invite(owner, 'not-an-email', Role.ROLE_UNSPECIFIED, ''));
  expect(bad.code).toBe(status.INVALID_ARGUMENT);
});

test('expired, used, revoked and other-tenant tokens each get their one reason', async () => {
  // Used.
  const usedEmail = `used.${Date.now()}@example.test`;
  await invite(owner, usedEmail);
  const usedToken = tokenFromMail(await invitationTo(usedEmail), linkBase(slug));
  await accept(usedToken);
  expect(statusDetails(await failure(accept(usedToken))).reason).toBe('INVITATION_USED');

  // Revoked by an admin, then revoking again changes nothing; an accepted one cannot be revoked.
  const revokedEmail = `revoked.${Date.now()}@example.test`;
  const { invitation } = await invite(owner, revokedEmail);
  const revokedToken = tokenFromMail(await invitationTo(revokedEmail), linkBase(slug));
  expect((await t.clients.users.revokeInvitation({ invitationId: invitation!.id }, as(admin))).invitation?.state).toBe(InvitationState.INVITATION_STATE_REVOKED);
  await t.clients.users.revokeInvitation({ invitationId: invitation!.id }, as(admin));
  expect(statusDetails(await failure(accept(revokedToken))).reason).toBe('INVITATION_REVOKED');
  const { invitations } = await t.clients.users.listInvitations({ pageSize: 100, pageToken: '' }, as(owner));
  const acceptedOne = invitations.find((i) => i.email === usedEmail)!;
  expect(statusDetails(await failure(t.clients.users.revokeInvitation({ invitationId: acceptedOne.id }, as(owner)))).reason).toBe('INVITATION_ALREADY_ACCEPTED');
  expect(statusDetails(await failure(t.clients.users.revokeInvitation({ invitationId: '0190a5b0-0000-7000-8000-000000000000' }, as(owner)))).reason).toBe('INVITATION_NOT_FOUND');

  // Revoked by a newer invitation of the same address; the newer one works.
  const againEmail = `again.${Date.now()}@example.test`;
  await invite(owner, againEmail);
  const first = tokenFromMail(await invitationTo(againEmail, 1), linkBase(slug));
  await invite(owner, againEmail, Role.ROLE_ADMIN);
  const second = tokenFromMail(await invitationTo(againEmail, 2), linkBase(slug));
  expect(statusDetails(await failure(accept(first))).reason).toBe('INVITATION_REVOKED');

  // Other tenant, tampered.
  const other = await createTenant(t, { slug: 'invite-other' });
  expect(statusDetails(await failure(accept(second, undefined, '', other))).reason).toBe('INVITATION_TOKEN_INVALID');
  expect(statusDetails(await failure(accept(second.slice(0, -2) + 'zz'))).reason).toBe('INVITATION_TOKEN_INVALID');

  // Expired (the stored expiry moved into the past).
  await adminQuery(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE email = $1 AND revoked_at IS NULL`, [againEmail], `tenant_${slug.replace(/-/g, '_')}`);
  expect(statusDetails(await failure(accept(second))).reason).toBe('INVITATION_EXPIRED');
  const listed = await t.clients.users.listInvitations({ pageSize: 100, pageToken: '' }, as(owner));
  expect(listed.invitations.filter((i) => i.email === againEmail).map((i) => i.state)).toEqual([InvitationState.INVITATION_STATE_EXPIRED, InvitationState.INVITATION_STATE_REVOKED]);
});

test('a weak password keeps the invitation; a chosen name replaces the invited one', async () => {
  const email = `named.${Date.now()}@example.test`;
  await invite(owner, email, Role.ROLE_MEMBER, 'Given Name');
  const token = tokenFromMail(await invitationTo(email), linkBase(slug));
  const weak = await failure(accept(token, 'password1'));
  expect(statusDetails(weak).violations.map((v) => v.field)).toEqual(['password']);
  const accepted = await accept(token, 'A chosen passphrase 9', 'Chosen Name');
  expect(accepted.user?.name).toBe('Chosen Name');
});

test('ListInvitations pages newest first with a token bound to the tenant', async () => {
  for (let i = 0; i < 3; i++) await invite(owner, `page${i}.${Date.now()}@example.test`);
  const first = await t.clients.users.listInvitations({ pageSize: 2, pageToken: '' }, as(owner));
  expect(first.invitations).toHaveLength(2);
  expect(first.invitations[0].id > first.invitations[1].id).toBe(true);
  const second = await t.clients.users.listInvitations({ pageSize: 2, pageToken: first.nextPageToken }, as(owner));
  expect(second.invitations[0].id < first.invitations[1].id).toBe(true);
  expect((await failure(t.clients.users.listInvitations({ pageSize: -1, pageToken: '' }, as(owner)))).code).toBe(status.INVALID_ARGUMENT);
});
