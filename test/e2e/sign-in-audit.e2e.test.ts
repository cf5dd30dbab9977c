import { EventEnvelope, SignInFailureReason } from '../../src/gen/proto/userservice/v1/events';
import { ListAuditEventsRequest } from '../../src/gen/proto/userservice/v1/audit_service';
import { eventually } from '../support/eventually';
import { failure, headers } from '../support/grpc-clients';
import { SmtpSink, tokenFromMail } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';
import { adminQuery } from '../support/test-database';
import { generateSync } from 'otplib';
import { as, signUpActor } from '../support/security-fixtures';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';

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

const withRequestId = (id: string, tenant = slug) => {
  const m = headers({ tenant });
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

/** The TOTP code of the step `offsetSteps` away from now (otplib: another implementation than the service's). */
const codeAt = (secret: string, offsetSteps = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

/** Waits, if need be, until at least 3 s remain of the current 30 s step, so the codes computed here are those the server checks. */
async function awayFromStepEdge(): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 3_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

/** `actorId`'s trail in `tenant`, once an event with each of `requestIds` is in it (failures are written after the answer). */
async function trailOnce(tenant: string, token: string, actorId: string, requestIds: string[]): Promise<EventEnvelope[]> {
  return eventually(async () => {
    const all = (await t.clients.audit.listAuditEvents(ListAuditEventsRequest.fromPartial({ pageSize: 100, actorId }), headers({ token, tenant }))).events;
    if (!requestIds.every((id) => all.some((e) => e.requestId === id))) throw new Error('not recorded yet');
    return all;
  });
}

/** What the trail holds for one request id: event names, a failure with its reason; sorted. */
const recordedIn = (events: EventEnvelope[]) => (id: string) =>
  events
    .filter((e) => e.requestId === id)
    .map((e) => (e.event?.$case === 'signInFailed' ? `signInFailed ${SignInFailureReason[e.event.value.reason]}` : e.event?.$case))
    .sort();

test('with a second factor the password alone is no sign-in: a wrong code is SignInFailed, the session SignInSucceeded', async () => {
  // Its own tenant, where the user is the OWNER and may read the trail.
  const tenant = await createTenant(t, { slug: 'audit-two-step' });
  const me = await signUpActor(t, tenant, 'two-step');
  const withId = (id: string) => withRequestId(id, tenant);
  await awayFromStepEdge();
  const started = await t.clients.auth.startTotpEnrollment({}, as(me));
  // The previous step's code confirms the enrollment; the current and the next remain for sign-ins.
  await t.clients.auth.confirmTotpEnrollment({ code: codeAt(started.secret, -1) }, as(me));
  const verify = async (requestId: string, code: string) => {
    const { secondFactor } = await t.clients.auth.login({ email: me.email, password: me.password }, withId(`${requestId}-password`));
    return t.clients.auth.verifySecondFactor({ challenge: secondFactor!.challenge, code, recoveryCode: '' }, withId(requestId));
  };
  const wrong = codeAt(started.secret, 5);

  await failure(verify('2fa-wrong', wrong));
  const session = await verify('2fa-right', codeAt(started.secret, 0));
  // LOGIN_MAX_FAILURES is 2 here: the second wrong code in a row locks the factor, the next call is refused unjudged.
  await failure(verify('2fa-wrong-again', wrong));
  await failure(verify('2fa-locks', wrong));
  await failure(verify('2fa-while-locked', codeAt(started.secret, 1)));

  const events = await trailOnce(tenant, session.tokens!.accessToken, me.id, ['2fa-wrong', '2fa-wrong-again', '2fa-locks']);
  const recorded = recordedIn(events);
  // The right password asked for the factor: nothing is recorded until the factor is judged.
  for (const id of ['2fa-wrong', '2fa-right', '2fa-wrong-again', '2fa-locks', '2fa-while-locked']) expect({ id, recorded: recorded(`${id}-password`) }).toEqual({ id, recorded: [] });
  expect(recorded('2fa-wrong')).toEqual(['signInFailed SIGN_IN_FAILURE_REASON_WRONG_SECOND_FACTOR']);
  expect(recorded('2fa-right')).toEqual(['signInSucceeded']);
  expect(recorded('2fa-wrong-again')).toEqual(['signInFailed SIGN_IN_FAILURE_REASON_WRONG_SECOND_FACTOR']);
  expect(recorded('2fa-locks')).toEqual(['signInFailed SIGN_IN_FAILURE_REASON_SECOND_FACTOR_LOCKED']);
  expect(recorded('2fa-while-locked')).toEqual([]);
  for (const id of ['2fa-wrong', '2fa-right', '2fa-locks']) {
    const e = events.find((x) => x.requestId === id)!;
    expect({ id, actor: e.actor?.id, user: (e.event?.value as { userId?: string }).userId }).toEqual({ id, actor: me.id, user: me.id });
  }
});

test('an enrollment the tenant requires: the password alone records nothing, a wrong code is SignInFailed, the confirmation SignInSucceeded', async () => {
  const tenant = await createTenant(t, { slug: 'audit-required' });
  const owner = await signUpActor(t, tenant, 'required');
  await t.clients.tenants.updateTenant(
    { tenant: Tenant.fromPartial({ slug: tenant, secondFactorRequiredRoles: [Role.ROLE_OWNER] }), updateMask: ['second_factor_required_roles'] },
    headers({ token: await t.superAdminToken() }),
  );
  const withId = (id: string) => withRequestId(id, tenant);
  await awayFromStepEdge();
  const { secondFactor } = await t.clients.auth.login({ email: owner.email, password: owner.password }, withId('enrol-password'));
  expect(secondFactor?.enrollmentRequired).toBe(true);
  const challenge = secondFactor!.challenge;
  const started = await t.clients.auth.startRequiredTotpEnrollment({ challenge }, withId('enrol-start'));
  await failure(t.clients.auth.confirmRequiredTotpEnrollment({ challenge, code: codeAt(started.secret, 5) }, withId('enrol-wrong')));
  const confirmed = await t.clients.auth.confirmRequiredTotpEnrollment({ challenge, code: codeAt(started.secret) }, withId('enrol-right'));

  const recorded = recordedIn(await trailOnce(tenant, confirmed.tokens!.accessToken, owner.id, ['enrol-wrong']));
  expect(recorded('enrol-password')).toEqual([]);
  expect(recorded('enrol-start')).toEqual([]);
  expect(recorded('enrol-wrong')).toEqual(['signInFailed SIGN_IN_FAILURE_REASON_WRONG_SECOND_FACTOR']);
  expect(recorded('enrol-right')).toEqual(['secondFactorEnabled', 'signInSucceeded']);
});
