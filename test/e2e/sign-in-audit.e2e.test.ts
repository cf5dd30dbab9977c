import { EventEnvelope, SignInFailureReason } from '../../src/gen/proto/userservice/v1/events';
import { ListAuditEventsRequest } from '../../src/gen/proto/userservice/v1/audit_service';
import { eventually } from '../support/eventually';
import { failure, headers } from '../support/grpc-clients';
import { SmtpSink, tokenFromMail } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';
import { adminQuery } from '../support/test-database';

/**
 * Sign-ins in the audit trail: success, failure, lockout, reset and verification, each with the account as
 * actor, the tenant, the request id and the caller address; never a password or a token.
 */
let t: TestApp;
let sink: SmtpSink;
let slug: string;
beforeAll(async () => {
  sink = await new SmtpSink().start();
  t = await startTestApp({ SMTP_URL: sink.url(), LOGIN_MAX_FAILURES: '2', LOGIN_LOCKOUT_SECONDS: '600' });
  slug = await createTenant(t, { slug: 'audit-signin' });
});
afterAll(async () => {
  await t?.dispose();
  await sink?.stop();
});

const withRequestId = (id: string) => {
  const m = headers({ tenant: slug });
  m.set('x-request-id', id);
  return m;
};

test('every sign-in outcome of a known account is in the trail with actor, tenant, request id and caller address', async () => {
  const owner = newUser('owner');
  const signed = await t.clients.auth.signUp(owner, headers({ tenant: slug }));
  const ownerId = signed.user!.id;
  const tenantId = signed.user!.tenantId;

  await t.clients.auth.login(owner, withRequestId('signin-ok'));
  await failure(t.clients.auth.login({ email: owner.email, password: 'Wrong guess one' }, withRequestId('signin-wrong')));
  await failure(t.clients.auth.login({ email: owner.email, password: 'Wrong guess two' }, withRequestId('signin-locks')));
  await failure(t.clients.auth.login(owner, withRequestId('signin-while-locked'))); // refused unjudged: not recorded
  await failure(t.clients.auth.login({ email: 'nobody@example.test', password: 'Whatever it is 1' }, withRequestId('signin-unknown')));

  await t.clients.auth.requestPasswordReset({ email: owner.email }, withRequestId('reset-request'));
  const resetMail = await eventually(async () => sink.to(owner.email).find((m) => m.subject.startsWith('Reset')) ?? Promise.reject(new Error('no reset mail')));
  const resetToken = tokenFromMail(resetMail, `http://localhost:3000/${slug}/reset-password`);
  const newPassword = 'After the reset passphrase 1';
  await t.clients.auth.resetPassword({ token: resetToken, newPassword }, withRequestId('reset-done'));
  const verifyMail = sink.to(owner.email).find((m) => m.subject.startsWith('Confirm'))!;
  const verifyToken = tokenFromMail(verifyMail, `http://localhost:3000/${slug}/verify-email`);
  await t.clients.auth.verifyEmail({ token: verifyToken }, withRequestId('verify-done'));
  const session = await t.clients.auth.login({ email: owner.email, password: newPassword }, withRequestId('signin-after-reset'));

  const read = async (): Promise<EventEnvelope[]> =>
    (await t.clients.audit.listAuditEvents(ListAuditEventsRequest.fromPartial({ pageSize: 100 }), headers({ token: session.tokens!.accessToken, tenant: slug }))).events;
  const events = await eventually(async () => {
    const all = await read();
    // Failures are recorded after the answer: wait for both.
    if (!['signin-wrong', 'signin-locks'].every((id) => all.some((e) => e.requestId === id))) throw new Error('failures not recorded yet');
    return all;
  });
  const byRequest = (id: string) => events.filter((e) => e.requestId === id).map((e) => e.event?.$case);
  expect(byRequest('signin-ok')).toEqual(['signInSucceeded']);
  expect(byRequest('signin-wrong')).toEqual(['signInFailed']);
  expect(byRequest('signin-locks')).toEqual(['signInFailed']);
  expect(byRequest('signin-while-locked')).toEqual([]);
  expect(byRequest('signin-unknown')).toEqual([]);
  expect(byRequest('reset-request')).toEqual(['passwordResetRequested']);
  expect(byRequest('reset-done').sort()).toEqual(['passwordReset', 'sessionRevoked']);
  expect(byRequest('verify-done')).toEqual(['emailVerified']);
  expect(byRequest('signin-after-reset')).toEqual(['signInSucceeded']);

  const reasonOf = (id: string) => {
    const e = events.find((x) => x.requestId === id)!.event!;
    return e.$case === 'signInFailed' ? e.value.reason : undefined;
  };
  expect(reasonOf('signin-wrong')).toBe(SignInFailureReason.SIGN_IN_FAILURE_REASON_WRONG_PASSWORD);
  expect(reasonOf('signin-locks')).toBe(SignInFailureReason.SIGN_IN_FAILURE_REASON_LOCKED);
  for (const id of ['signin-ok', 'signin-wrong', 'signin-locks', 'reset-done', 'verify-done', 'signin-after-reset']) {
    const e = events.find((x) => x.requestId === id)!;
    expect({ id, actor: e.actor?.id, tenant: e.tenantId, caller: e.callerAddress }).toEqual({ id, actor: ownerId, tenant: tenantId, caller: expect.stringMatching(/127\.0\.0\.1|::1/) });
  }

  // Never a password or a token, anywhere in the stored trail.
  const { rows } = await adminQuery<{ payload: Buffer }>('SELECT payload FROM outbox_events', [], `tenant_${slug.replace(/-/g, '_')}`);
  const stored = rows.map((r) => r.payload.toString('latin1')).join('\n');
  for (const secret of [owner.password, 'Wrong guess one', 'Wrong guess two', newPassword, resetToken, verifyToken]) expect(stored).not.toContain(secret);
});
