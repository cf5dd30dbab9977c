// RequestPasswordReset and ResetPassword on the in-memory unit of work: what is stored (a hash, never the
// token), what is queued, the events (never the token), the throttles, and every refusal of a token.
import 'reflect-metadata';
import { RequestPasswordResetCommand } from '../../../../src/application/auth/commands/request-password-reset/request-password-reset.command';
import { RequestPasswordResetHandler } from '../../../../src/application/auth/commands/request-password-reset/request-password-reset.handler';
import { ResetPasswordCommand } from '../../../../src/application/auth/commands/reset-password/reset-password.command';
import { ResetPasswordHandler } from '../../../../src/application/auth/commands/reset-password/reset-password.handler';
import { hashOneTimeToken } from '../../../../src/application/auth/one-time-token';
import { accountKey } from '../../../../src/application/auth/credentials';
import { AppLinks } from '../../../../src/application/mail/app-links';
import { BackgroundWork } from '../../../../src/application/shared/background-work';
import { AppConfig } from '../../../../src/config/config';
import { PasswordAttemptBudget } from '../../../../src/domain/auth/password-attempt-budget';
import { PasswordHasher } from '../../../../src/domain/auth/password-hasher';
import { Email } from '../../../../src/domain/shared/email';
import { Tenant } from '../../../../src/domain/tenant/tenant';
import { UserRepository } from '../../../../src/domain/user/user-repository';
import { MemoryRateLimiter } from '../../../../src/infrastructure/throttle/memory-rate-limiter';
import { InMemoryUnitOfWork } from '../../support/in-memory-unit-of-work';
import { TenantMother, UserMother } from '../../support/mothers';
import { OriginMother } from '../../support/mothers';

/** Who asked, as the gRPC layer hands it to every handler. */
const ORIGIN = OriginMother.caller();

let now = new Date('2026-06-01T00:00:00Z');
const clock = { now: () => now };
const hasher = { hash: async (p: string) => `hashed:${p}` } as unknown as PasswordHasher;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as never;
const settings = { passwordReset: { ttlMinutes: 30, accountLimit: 2, tenantLimit: 5, windowSeconds: 900 } } as AppConfig;

function world() {
  now = new Date('2026-06-01T00:00:00Z');
  const units = new InMemoryUnitOfWork();
  const tenant = TenantMother.create({ displayName: 'Acme Widgets' });
  const user = UserMother.create();
  units.givenUser(tenant, user);
  const users = {
    findByEmail: async (t: Tenant, email: Email) => [...units.database(t).users.values()].find((u) => u.email.normalized === email.normalized),
  } as unknown as UserRepository;
  const background = new BackgroundWork(silent);
  const cleared: string[] = [];
  const budget = { reserve: async () => ({ granted: false }), clear: async (key: string) => void cleared.push(key) } as unknown as PasswordAttemptBudget;
  const request = new RequestPasswordResetHandler(users, units, new MemoryRateLimiter(), new AppLinks('https://{tenant}.app.example'), background, clock, settings);
  const reset = new ResetPasswordHandler(units, hasher, budget, clock);
  const ask = async (email: string) => {
    await request.execute(new RequestPasswordResetCommand(tenant, email), ORIGIN);
    await background.drain();
  };
  const tokenOf = (n: number) => /token=([A-Za-z0-9_-]+)/.exec(units.database(tenant).mail[n].text)![1];
  return { units, tenant, user, ask, tokenOf, cleared, resetWith: (token: string, password = 'A new passphrase 2026') => reset.execute(new ResetPasswordCommand(tenant, token, password), ORIGIN) };
}

describe('RequestPasswordReset', () => {
  test('a known email: a 256-bit token stored only as its hash, a mail with the tenant name and the link, PasswordResetRequested without the token', async () => {
    const { units, tenant, user, ask, tokenOf } = world();
    await ask(user.email.value.toUpperCase());
    const [mail] = units.database(tenant).mail;
    expect(mail).toMatchObject({ kind: 'PASSWORD_RESET', to: user.email.value, subject: 'Reset your Acme Widgets password' });
    const token = tokenOf(0);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(mail.text).toContain(`https://${tenant.slug}.app.example/reset-password?token=${token}`);
    const [stored] = units.database(tenant).tokens;
    expect(stored).toMatchObject({ purpose: 'PASSWORD_RESET', userId: user.id, tokenHash: hashOneTimeToken(token), expiresAt: new Date('2026-06-01T00:30:00Z') });
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(units.committed.map((c) => c.event)).toEqual([{ type: 'PasswordResetRequested', targetId: user.id }]);
  });

  test('an unknown email, or a disabled user: the same answer, nothing written', async () => {
    const { units, tenant, ask } = world();
    const disabled = UserMother.disabled();
    units.givenUser(tenant, disabled);
    await ask('nobody@example.test');
    await ask(disabled.email.value);
    expect(units.database(tenant).mail).toEqual([]);
    expect(units.committed).toEqual([]);
  });

  test('per address: beyond the limit the answer stays OK and nothing more is sent', async () => {
    const { units, tenant, user, ask } = world();
    for (let i = 0; i < 4; i++) await ask(user.email.value);
    expect(units.database(tenant).mail).toHaveLength(2);
  });

  test('per tenant: beyond the limit RESOURCE_EXHAUSTED PASSWORD_RESET_THROTTLED', async () => {
    const { ask } = world();
    for (let i = 0; i < 5; i++) await ask(`someone${i}@example.test`);
    await expect(ask('one.more@example.test')).rejects.toMatchObject({ kind: 'RESOURCE_EXHAUSTED', reason: 'PASSWORD_RESET_THROTTLED' });
  });

  test('a malformed email is INVALID_ARGUMENT on field email', async () => {
    const { ask } = world();
    await expect(ask('not an email')).rejects.toMatchObject({ kind: 'INVALID_ARGUMENT', violations: [{ field: 'email', description: expect.any(String) }] });
  });
});

describe('ResetPassword', () => {
  test('sets the password, ends every session, clears the lockout, records PasswordReset; the token then is used', async () => {
    const { units, tenant, user, ask, tokenOf, cleared, resetWith } = world();
    units.givenSession(tenant, user.id, 'f1');
    units.givenSession(tenant, user.id, 'f2');
    await ask(user.email.value);
    units.committed.length = 0;
    await resetWith(tokenOf(0));
    expect(units.database(tenant).users.get(user.id)?.passwordHash).toBe('hashed:A new passphrase 2026');
    expect(units.database(tenant).sessions.every((s) => s.revoked)).toBe(true);
    expect(units.eventTypes()).toEqual(['PasswordReset', 'SessionRevoked']);
    expect(cleared).toEqual([accountKey(tenant.id, user.email)]);
    await expect(resetWith(tokenOf(0))).rejects.toMatchObject({ kind: 'UNAUTHENTICATED', reason: 'RESET_TOKEN_USED' });
  });

  test('each refusal has its reason: unknown, expired, superseded; a disabled user; a weak password keeps the token', async () => {
    const { units, tenant, user, ask, tokenOf, resetWith } = world();
    await expect(resetWith('no-such-token')).rejects.toMatchObject({ reason: 'RESET_TOKEN_INVALID' });
    await ask(user.email.value);
    await ask(user.email.value);
    await expect(resetWith(tokenOf(0))).rejects.toMatchObject({ reason: 'RESET_TOKEN_SUPERSEDED' });
    await expect(resetWith(tokenOf(1), 'password1')).rejects.toMatchObject({ kind: 'INVALID_ARGUMENT', violations: [{ field: 'new_password', description: expect.any(String) }] });
    await expect(resetWith('')).rejects.toMatchObject({ kind: 'INVALID_ARGUMENT', violations: [{ field: 'token', description: expect.any(String) }] });
    const stored = units.database(tenant).users.get(user.id)!;
    stored.changeStatus('DISABLED');
    await expect(resetWith(tokenOf(1))).rejects.toMatchObject({ reason: 'RESET_TOKEN_INVALID' });
    stored.changeStatus('ACTIVE');
    now = new Date('2026-06-01T00:30:00Z');
    await expect(resetWith(tokenOf(1))).rejects.toMatchObject({ reason: 'RESET_TOKEN_EXPIRED' });
  });
});
