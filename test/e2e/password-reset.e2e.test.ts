import { status } from '@grpc/grpc-js';
import Redis from 'ioredis';
import { User, UserStatus } from '../../src/gen/proto/userservice/v1/user';
import { eventually } from '../support/eventually';
import { failure, headers } from '../support/grpc-clients';
import { statusDetails } from '../support/status-details';
import { ReceivedMail, SmtpSink, tokenFromMail } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';
import { adminQuery, uniqueName } from '../support/test-database';

/**
 * Password reset end to end: the service sends through a real SMTP server (smtp-server, with AUTH) and
 * every token is read back from the message it received.
 */
let t: TestApp;
let sink: SmtpSink;
let slug: string;
let other: string;
const streamPrefix = `${uniqueName('mailtest')}:`;
const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });

beforeAll(async () => {
  sink = await new SmtpSink().start();
  t = await startTestApp({
    SMTP_URL: sink.url(),
    MAIL_FROM: 'Acme Accounts <accounts@acme.test>',
    PUBLIC_APP_URL: 'https://{tenant}.app.example',
    MAIL_RETRY_BASE_MS: '50',
    MAIL_RETRY_MAX_SECONDS: '1',
    LOGIN_MAX_FAILURES: '2',
    LOGIN_LOCKOUT_SECONDS: '600',
    REDIS_URL: 'redis://127.0.0.1:6379',
    EVENTS_STREAM_PREFIX: streamPrefix,
    PASSWORD_RESET_ACCOUNT_LIMIT: '20',
  });
  slug = await createTenant(t, { slug: 'reset', displayName: 'Acme Widgets' });
  other = await createTenant(t, { slug: 'reset-other' });
});
afterAll(async () => {
  await t?.dispose();
  await sink?.stop();
  redis.disconnect();
});

const tenantDb = (s: string) => `tenant_${s.replace(/-/g, '_')}`;
const linkBase = (s: string) => `https://${s}.app.example/reset-password`;
const request = (email: string, tenant = slug) => t.clients.auth.requestPasswordReset({ email }, headers({ tenant }));
const reset = (token: string, newPassword: string, tenant = slug) => t.clients.auth.resetPassword({ token, newPassword }, headers({ tenant }));
const login = (email: string, password: string, tenant = slug) => t.clients.auth.login({ email, password }, headers({ tenant }));

/** Waits for the `n`th message to `email` (1-based) and returns it. */
async function mailTo(email: string, n = 1): Promise<ReceivedMail> {
  return eventually(async () => {
    // SignUp also mails a verification link: only the reset messages count here.
    const received = resetsTo(email);
    if (received.length < n) throw new Error(`${received.length} of ${n} reset messages to ${email}`);
    return received[n - 1];
    // Up to two SMTP socket timeouts (10 s each) after the server was stopped and started again.
  }, 25_000);
}

const resetsTo = (email: string) => sink.to(email).filter((m) => m.subject.startsWith('Reset'));

async function queued(tenant = slug): Promise<number> {
  const { rows } = await adminQuery<{ n: string }>('SELECT count(*) AS n FROM mail_queue', [], tenantDb(tenant));
  return Number(rows[0].n);
}

async function signUp(tenant = slug) {
  const user = newUser('reset');
  const created = await t.clients.auth.signUp(user, headers({ tenant }));
  return { ...user, id: created.user!.id, refreshToken: created.tokens!.refreshToken, accessToken: created.tokens!.accessToken };
}

describe('the reset flow, read back from the received message', () => {
  test('a locked-out user resets their password from the mailed link: sessions end, lockout clears, old password stops working', async () => {
    const user = await signUp();
    // Locked out by wrong passwords (LOGIN_MAX_FAILURES=2).
    await failure(login(user.email, 'wrong password 1'));
    await failure(login(user.email, 'wrong password 2'));
    expect(statusDetails(await failure(login(user.email, user.password))).reason).toBe('ACCOUNT_LOCKED');

    await request(user.email);
    const mail = await mailTo(user.email);
    expect(mail.from).toBe('accounts@acme.test');
    expect(mail.subject).toBe('Reset your Acme Widgets password');
    expect(mail.text).toContain('Acme Widgets');
    expect(mail.html).toContain('Acme Widgets');
    const token = tokenFromMail(mail, linkBase(slug));
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(mail.html).toContain(`href="${linkBase(slug)}?token=${token}"`);
    // Sent, so no longer kept: the row (and the link in it) is gone.
    await eventually(async () => expect(await queued()).toBe(0));

    const newPassword = 'A brand new passphrase 42';
    await reset(token, newPassword);
    expect((await login(user.email, newPassword)).subject?.$case).toBe('user');
    expect(statusDetails(await failure(login(user.email, user.password))).reason).toBe('INVALID_CREDENTIALS');
    const refreshed = await failure(t.clients.auth.refreshToken({ refreshToken: user.refreshToken }, headers({ tenant: slug })));
    expect(statusDetails(refreshed).reason).toBe('REFRESH_TOKEN_INVALID');

    // The audit trail: requested, reset, sessions revoked; the token in no event.
    const { rows } = await adminQuery<{ type: string; payload: Buffer }>('SELECT type, payload FROM outbox_events WHERE target_id = $1 ORDER BY id', [user.id], tenantDb(slug));
    expect(rows.map((r) => r.type)).toEqual(expect.arrayContaining(['PasswordResetRequested', 'PasswordReset', 'SessionRevoked']));
    for (const row of rows) expect(row.payload.toString('latin1')).not.toContain(token);
  });

  test('an unknown email answers the same OK and sends nothing; a known one is mailed', async () => {
    const user = await signUp();
    const ghost = `ghost.${Date.now()}@example.test`;
    await request(ghost);
    await request(user.email);
    await mailTo(user.email);
    expect(resetsTo(ghost)).toHaveLength(0);
  });

  test('a malformed email is INVALID_ARGUMENT on field email; a policy-breaking new password keeps the token valid', async () => {
    const bad = await failure(request('not-an-email'));
    expect(bad.code).toBe(status.INVALID_ARGUMENT);
    expect(statusDetails(bad).violations.map((v) => v.field)).toEqual(['email']);

    const user = await signUp();
    await request(user.email);
    const token = tokenFromMail(await mailTo(user.email), linkBase(slug));
    const weak = await failure(reset(token, 'password1'));
    expect(weak.code).toBe(status.INVALID_ARGUMENT);
    expect(statusDetails(weak).violations.map((v) => v.field)).toEqual(['new_password']);
    await reset(token, 'Still a fine passphrase 7');
  });
});

describe('tokens', () => {
  test('reused: RESET_TOKEN_USED', async () => {
    const user = await signUp();
    await request(user.email);
    const token = tokenFromMail(await mailTo(user.email), linkBase(slug));
    await reset(token, 'First new passphrase 1');
    const again = await failure(reset(token, 'Second new passphrase 2'));
    expect(again.code).toBe(status.UNAUTHENTICATED);
    expect(statusDetails(again).reason).toBe('RESET_TOKEN_USED');
    expect((await login(user.email, 'First new passphrase 1')).subject?.$case).toBe('user');
  });

  test('superseded by a newer request: RESET_TOKEN_SUPERSEDED; the newer one works', async () => {
    const user = await signUp();
    await request(user.email);
    const first = tokenFromMail(await mailTo(user.email, 1), linkBase(slug));
    await request(user.email);
    const second = tokenFromMail(await mailTo(user.email, 2), linkBase(slug));
    expect(second).not.toBe(first);
    expect(statusDetails(await failure(reset(first, 'Superseded passphrase 1'))).reason).toBe('RESET_TOKEN_SUPERSEDED');
    await reset(second, 'Latest link passphrase 2');
  });

  test('expired: RESET_TOKEN_EXPIRED', async () => {
    const user = await signUp();
    await request(user.email);
    const token = tokenFromMail(await mailTo(user.email), linkBase(slug));
    // The clock is moved by moving the stored expiry: the service compares with now.
    await adminQuery(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'PASSWORD_RESET'`, [user.id], tenantDb(slug));
    expect(statusDetails(await failure(reset(token, 'Too late passphrase 1'))).reason).toBe('RESET_TOKEN_EXPIRED');
  });

  test('the lifetime is PASSWORD_RESET_TTL_MINUTES (30 by default)', async () => {
    const user = await signUp();
    await request(user.email);
    await mailTo(user.email);
    const { rows } = await adminQuery<{ minutes: number }>(
      "SELECT round(extract(epoch FROM expires_at - created_at) / 60) AS minutes FROM account_tokens WHERE user_id = $1 AND purpose = 'PASSWORD_RESET'",
      [user.id],
      tenantDb(slug),
    );
    expect(Number(rows[0].minutes)).toBe(30);
  });

  test('from another tenant, or tampered with: RESET_TOKEN_INVALID', async () => {
    const user = await signUp();
    await request(user.email);
    const token = tokenFromMail(await mailTo(user.email), linkBase(slug));
    expect(statusDetails(await failure(reset(token, 'Other tenant passphrase 1', other))).reason).toBe('RESET_TOKEN_INVALID');
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(statusDetails(await failure(reset(tampered, 'Tampered passphrase 1'))).reason).toBe('RESET_TOKEN_INVALID');
    // Neither attempt spent it.
    await reset(token, 'Rightful passphrase 1');
  });

  test('user disabled after the mail was sent: RESET_TOKEN_INVALID, and the token is not spent', async () => {
    const tenant = await createTenant(t, { slug: 'reset-dis' });
    const owner = await signUp(tenant); // the first user owns the tenant
    const member = await signUp(tenant);
    await request(member.email, tenant);
    const token = tokenFromMail(await mailTo(member.email), linkBase(tenant));
    const asOwner = headers({ token: owner.accessToken, tenant });
    await t.clients.users.updateUser({ user: User.fromPartial({ id: member.id, status: UserStatus.USER_STATUS_DISABLED }), updateMask: ['status'] }, asOwner);
    expect(statusDetails(await failure(reset(token, 'Disabled passphrase 1', tenant))).reason).toBe('RESET_TOKEN_INVALID');
    await t.clients.users.updateUser({ user: User.fromPartial({ id: member.id, status: UserStatus.USER_STATUS_ACTIVE }), updateMask: ['status'] }, asOwner);
    await reset(token, 'Enabled again passphrase 1', tenant);
  });
});

describe('delivery', () => {
  test('SMTP down, then back: the message waits, backs off, and is delivered exactly once', async () => {
    const user = await signUp();
    // SignUp mails a verification link after its commit: let it arrive first. Still queued when the server
    // goes down, it would fail first in every batch and hold the reset message back untried (by design: what
    // is left of a batch waits as long as the failed message), and the attempts below would stay at 0.
    await eventually(async () => expect(await queued()).toBe(0));
    await sink.stop();
    const failedBefore = await metric('userservice_mail_failed_total{kind="PASSWORD_RESET"}');
    await request(user.email);
    // Queued and retried with backoff while the server is down. A send on the pooled connection the server
    // was closing can take the SMTP socket timeout (10 s) to fail, so the second attempt may come that late.
    await eventually(async () => {
      const { rows } = await adminQuery<{ attempts: number }>("SELECT attempts FROM mail_queue WHERE recipient = $1 AND kind = 'PASSWORD_RESET'", [user.email], tenantDb(slug));
      expect(rows[0]?.attempts).toBeGreaterThanOrEqual(2);
    }, 30_000);
    expect(await metric('userservice_mail_failed_total{kind="PASSWORD_RESET"}')).toBeGreaterThan(failedBefore);
    expect(await metric('userservice_mail_queued')).toBeGreaterThanOrEqual(1);
    await sink.start();
    const mail = await mailTo(user.email);
    await eventually(async () => expect(await queued()).toBe(0));
    expect(sink.messages.filter((m) => m.messageId === mail.messageId)).toHaveLength(1);
    expect(resetsTo(user.email)).toHaveLength(1);
    await reset(tokenFromMail(mail, linkBase(slug)), 'After the outage passphrase 1');
    expect(await metric('userservice_mail_queued')).toBe(0);
  });

  test('no token in a log line, the event streams or the metrics', async () => {
    const user = await signUp();
    await request(user.email);
    const token = tokenFromMail(await mailTo(user.email), linkBase(slug));
    await reset(token, 'Leak check passphrase 1');
    const logs = JSON.stringify(t.logs);
    expect(logs).not.toContain(token);
    expect(logs).not.toContain('Leak check passphrase 1');
    const metrics = await (await fetch(`http://127.0.0.1:${t.app.metricsPort}/metrics`)).text();
    expect(metrics).not.toContain(token);
    await redis.connect().catch(() => undefined);
    const streams = await redis.keys(`${streamPrefix}*`);
    expect(streams.length).toBeGreaterThan(0);
    for (const stream of streams) {
      const entries = await redis.xrange(stream, '-', '+');
      expect(JSON.stringify(entries)).not.toContain(token);
      await redis.del(stream);
    }
  });
});

async function metric(series: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${t.app.metricsPort}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}
