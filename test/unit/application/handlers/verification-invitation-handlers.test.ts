// Email verification and invitations on the in-memory unit of work: what each writes and records, the
// throttles, and the refusals.
import 'reflect-metadata';
import { AcceptInvitationCommand } from '../../../../src/application/auth/commands/accept-invitation/accept-invitation.command';
import { AcceptInvitationHandler } from '../../../../src/application/auth/commands/accept-invitation/accept-invitation.handler';
import { ResendVerificationCommand } from '../../../../src/application/auth/commands/resend-verification/resend-verification.command';
import { ResendVerificationHandler } from '../../../../src/application/auth/commands/resend-verification/resend-verification.handler';
import { VerifyEmailCommand } from '../../../../src/application/auth/commands/verify-email/verify-email.command';
import { VerifyEmailHandler } from '../../../../src/application/auth/commands/verify-email/verify-email.handler';
import { EmailVerificationMail } from '../../../../src/application/auth/email-verification';
import { SessionIssuer } from '../../../../src/application/auth/session-issuer';
import { AppLinks } from '../../../../src/application/mail/app-links';
import { BackgroundWork } from '../../../../src/application/shared/background-work';
import { InviteUserCommand } from '../../../../src/application/user/commands/invite-user/invite-user.command';
import { InviteUserHandler } from '../../../../src/application/user/commands/invite-user/invite-user.handler';
import { RevokeInvitationCommand } from '../../../../src/application/user/commands/revoke-invitation/revoke-invitation.command';
import { RevokeInvitationHandler } from '../../../../src/application/user/commands/revoke-invitation/revoke-invitation.handler';
import { AppConfig } from '../../../../src/config/config';
import { PasswordHasher } from '../../../../src/domain/auth/password-hasher';
import { Email } from '../../../../src/domain/shared/email';
import { Tenant } from '../../../../src/domain/tenant/tenant';
import { UserRepository } from '../../../../src/domain/user/user-repository';
import { MemoryRateLimiter } from '../../../../src/infrastructure/throttle/memory-rate-limiter';
import { InMemoryUnitOfWork } from '../../support/in-memory-unit-of-work';
import { PrincipalMother, TenantMother, UserMother } from '../../support/mothers';
import { OriginMother } from '../../support/mothers';

/** Who asked, as the gRPC layer hands it to every handler. */
const ORIGIN = OriginMother.caller();

let now = new Date('2026-06-01T00:00:00Z');
const clock = { now: () => now };
const config = { emailVerification: { ttlHours: 48 }, invitations: { ttlHours: 168 }, passwordReset: { ttlMinutes: 30, accountLimit: 2, tenantLimit: 3, windowSeconds: 900 } } as AppConfig;
const links = new AppLinks('https://{tenant}.app.example');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as never;
const hasher = { hash: async (p: string) => `hashed:${p}` } as unknown as PasswordHasher;
const sessions = { start: async () => ({ accessToken: 'a', refreshToken: 'r' }) } as unknown as SessionIssuer;

function world() {
  now = new Date('2026-06-01T00:00:00Z');
  const units = new InMemoryUnitOfWork();
  const tenant = TenantMother.create({ displayName: 'Acme' });
  const owner = UserMother.owner();
  const admin = UserMother.create({ role: 'ADMIN' });
  const pending = UserMother.create();
  for (const u of [owner, admin, pending]) units.givenUser(tenant, u);
  const users = { findByEmail: async (t: Tenant, e: Email) => [...units.database(t).users.values()].find((u) => u.email.normalized === e.normalized) } as unknown as UserRepository;
  const background = new BackgroundWork(silent);
  const verification = new EmailVerificationMail(links, clock, config);
  const resend = new ResendVerificationHandler(users, units, new MemoryRateLimiter(), background, verification, config);
  const token = (n: number) => /token=([A-Za-z0-9_-]+)/.exec(units.database(tenant).mail[n].text)![1];
  return {
    units, tenant, owner, admin, pending, token,
    resend: async (email: string) => {
      await resend.execute(new ResendVerificationCommand(tenant, email), ORIGIN);
      await background.drain();
    },
    verify: (t: string) => new VerifyEmailHandler(units, clock).execute(new VerifyEmailCommand(tenant, t), ORIGIN),
    invite: (actor: typeof owner, email: string, role: 'OWNER' | 'ADMIN' | 'MEMBER' = 'MEMBER') =>
      new InviteUserHandler(units, links, clock, config).execute(new InviteUserCommand(tenant, PrincipalMother.of(actor, tenant), email, 'Invited', role), ORIGIN),
    accept: (t: string, password = 'An invited passphrase 1') => new AcceptInvitationHandler(units, hasher, clock, sessions).execute(new AcceptInvitationCommand(tenant, t, password, ''), ORIGIN),
    revoke: (id: string) => new RevokeInvitationHandler(units, clock).execute(new RevokeInvitationCommand(tenant, id), ORIGIN),
  };
}

describe('email verification', () => {
  test('resend queues a link; verifying records EmailVerified and spends the token; a verified user gets nothing more', async () => {
    const w = world();
    await w.resend(w.pending.email.value);
    expect(w.units.database(w.tenant).mail).toEqual([expect.objectContaining({ kind: 'EMAIL_VERIFICATION', to: w.pending.email.value, subject: 'Confirm your email for Acme' })]);
    await w.verify(w.token(0));
    expect(w.units.database(w.tenant).users.get(w.pending.id)?.emailVerified).toBe(true);
    expect(w.units.eventTypes()).toEqual(['EmailVerified']);
    await expect(w.verify(w.token(0))).rejects.toMatchObject({ reason: 'VERIFICATION_TOKEN_USED' });
    await w.resend(w.pending.email.value);
    expect(w.units.database(w.tenant).mail).toHaveLength(1);
  });

  test('resend: per address silently, per tenant VERIFICATION_THROTTLED; expired and superseded tokens have their reasons', async () => {
    const w = world();
    for (let i = 0; i < 3; i++) await w.resend(w.pending.email.value);
    expect(w.units.database(w.tenant).mail).toHaveLength(2);
    await expect(w.resend('one.more@example.test')).rejects.toMatchObject({ kind: 'RESOURCE_EXHAUSTED', reason: 'VERIFICATION_THROTTLED' });
    await expect(w.verify(w.token(0))).rejects.toMatchObject({ reason: 'VERIFICATION_TOKEN_SUPERSEDED' });
    now = new Date('2026-06-03T00:00:01Z');
    await expect(w.verify(w.token(1))).rejects.toMatchObject({ reason: 'VERIFICATION_TOKEN_EXPIRED' });
  });
});

describe('invitations', () => {
  test('invite → accept: an ACTIVE, verified user with the invited role; the invitation is then used', async () => {
    const w = world();
    const invitation = await w.invite(w.admin, 'new@example.test', 'ADMIN');
    expect(w.units.database(w.tenant).mail[0]).toMatchObject({ kind: 'INVITATION', to: 'new@example.test', subject: 'You are invited to Acme' });
    const { user } = await w.accept(w.token(0));
    expect(user).toMatchObject({ role: 'ADMIN', status: 'ACTIVE', emailVerified: true, name: 'Invited' });
    expect(w.units.eventTypes()).toEqual(['UserInvited', 'UserRegistered', 'EmailVerified']);
    await expect(w.accept(w.token(0))).rejects.toMatchObject({ reason: 'INVITATION_USED' });
    await expect(w.revoke(invitation.id)).rejects.toMatchObject({ reason: 'INVITATION_ALREADY_ACCEPTED' });
  });

  test("role rules, a taken email, revoked, expired and unknown tokens", async () => {
    const w = world();
    await expect(w.invite(w.admin, 'boss@example.test', 'OWNER')).rejects.toMatchObject({ reason: 'OWNER_REQUIRED' });
    await expect(w.invite(w.owner, w.pending.email.value)).rejects.toMatchObject({ reason: 'EMAIL_TAKEN' });
    const first = await w.invite(w.owner, 'x@example.test');
    await w.invite(w.owner, 'x@example.test');
    await expect(w.accept(w.token(0))).rejects.toMatchObject({ reason: 'INVITATION_REVOKED' });
    expect((await w.revoke(first.id)).revokedAt).not.toBeNull();
    now = new Date('2026-06-08T00:00:01Z');
    await expect(w.accept(w.token(1))).rejects.toMatchObject({ reason: 'INVITATION_EXPIRED' });
    await expect(w.accept('not-a-token')).rejects.toMatchObject({ reason: 'INVITATION_TOKEN_INVALID' });
    await expect(w.revoke('0190a5b0-0000-7000-8000-000000000000')).rejects.toMatchObject({ reason: 'INVITATION_NOT_FOUND' });
  });
});
