// TOTP second factor (issue 18). The service computes codes with `otpauth`; this test with `otplib`, a
// different implementation, so each checks the other. Time steps are 30 s; codes for the previous and the
// next step are generated at now ∓ 30 s, two steps away at now ∓ 60 s.
import { ServiceError, status } from '@grpc/grpc-js';
import { generateSync } from 'otplib';
import { failure, headers } from '../support/grpc-clients';
import { Role } from '../../src/gen/proto/userservice/v1/access';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { Actor, as, createActor, signUpActor } from '../support/security-fixtures';
import { statusDetails } from '../support/status-details';
import { startTestApp, SUPERADMIN, TestApp } from '../support/test-app';
import { createTenant } from '../support/tenants';
import { tenantDatabase } from '../support/fault-postgres';
import { adminQuery } from '../support/test-database';
import { outcomeCounts, rise } from '../support/metric-counts';

let t: TestApp;
let slug: string;
beforeAll(async () => {
  t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:6379', LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_SECONDS: '60' });
  slug = await createTenant(t, { slug: 'totp' });
});
afterAll(async () => {
  await t?.dispose();
});

/** The code of the step `offsetSteps` away from now, by otplib. */
const codeAt = (secret: string, offsetSteps = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

function expectReason(error: ServiceError, code: status, reason: string): void {
  expect({ code: status[error.code], reason: statusDetails(error).reason }).toEqual({ code: status[code], reason });
}

const secondFactorCounts = () => outcomeCounts(t, 'userservice_second_factor_attempts_total', ['success', 'failure', 'locked'] as const);

/**
 * Waits (3 s at most) until at least 3 s remain of the current 30 s step, so that codes computed here for
 * "now ± n steps" are still those steps when the server checks them.
 */
async function awayFromStepEdge(): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 3_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

/**
 * Enrolls `actor`, confirming with the code of step `confirmStep` (which becomes the last accepted step),
 * and returns the secret and the recovery codes.
 */
async function enroll(actor: Actor, confirmStep = 0): Promise<{ secret: string; recoveryCodes: string[] }> {
  await awayFromStepEdge();
  const started = await t.clients.auth.startTotpEnrollment({}, as(actor));
  const confirmed = await t.clients.auth.confirmTotpEnrollment({ code: codeAt(started.secret, confirmStep) }, as(actor));
  return { secret: started.secret, recoveryCodes: confirmed.recoveryCodes };
}

const login = (actor: Actor) => t.clients.auth.login({ email: actor.email, password: actor.password }, headers({ tenant: slug }));

test('enrollment: a secret, its otpauth:// URI and an SVG QR code; confirmed with an otplib code it returns ten recovery codes', async () => {
  const me = await signUpActor(t, slug, 'enroller');
  const started = await t.clients.auth.startTotpEnrollment({}, as(me));
  expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(started.otpauthUri).toMatch(new RegExp(`^otpauth://totp/.*secret=${started.secret}.*`));
  expect(started.otpauthUri).toContain('period=30');
  expect(started.qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  // Until confirmed, Login still signs in with the password alone.
  expect((await login(me)).tokens?.accessToken).toBeTruthy();

  const wrong = await failure(t.clients.auth.confirmTotpEnrollment({ code: codeAt(started.secret, 3) }, as(me)));
  expectReason(wrong, status.UNAUTHENTICATED, 'SECOND_FACTOR_INVALID');
  const { recoveryCodes } = await t.clients.auth.confirmTotpEnrollment({ code: codeAt(started.secret) }, as(me));
  expect(recoveryCodes).toHaveLength(10);
  expect(new Set(recoveryCodes).size).toBe(10);
  for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
  // A second enrollment needs the first disabled.
  expectReason(await failure(t.clients.auth.startTotpEnrollment({}, as(me))), status.FAILED_PRECONDITION, 'TOTP_ALREADY_ENABLED');
});

test('sign-in with a factor: Login answers a challenge and no tokens; VerifySecondFactor with a current code returns the session', async () => {
  const me = await signUpActor(t, slug, 'signer');
  const { secret } = await enroll(me);
  const answer = await login(me);
  expect(answer.tokens).toBeUndefined();
  expect(answer.subject).toBeUndefined();
  expect(answer.secondFactor?.challenge).toMatch(new RegExp(`^${slug}\\.`));
  expect(answer.secondFactor?.reason).toMatch(/TOTP second factor/);
  expect(answer.secondFactor!.expireTime!.getTime() - Date.now()).toBeLessThanOrEqual(300_000);

  // The next step's code: the current one confirmed the enrollment and is used.
  const verified = await t.clients.auth.verifySecondFactor({ challenge: answer.secondFactor!.challenge, code: codeAt(secret, 1), recoveryCode: '' }, headers({ tenant: slug }));
  expect(verified.subject).toEqual({ $case: 'user', value: expect.objectContaining({ id: me.id }) });
  const token = verified.tokens!.accessToken;
  expect((await t.clients.users.getMe({}, headers({ token, tenant: slug }))).user?.id).toBe(me.id);

  // The challenge is single use.
  const again = await failure(t.clients.auth.verifySecondFactor({ challenge: answer.secondFactor!.challenge, code: codeAt(secret, 1), recoveryCode: '' }, headers({ tenant: slug })));
  expectReason(again, status.UNAUTHENTICATED, 'CHALLENGE_INVALID');
  // And bound to its tenant: another x-tenant-id is refused.
  const other = await createTenant(t, { slug: 'totp-other' });
  const next = await login(me);
  const elsewhere = await failure(t.clients.auth.verifySecondFactor({ challenge: next.secondFactor!.challenge, code: codeAt(secret, 1), recoveryCode: '' }, headers({ tenant: other })));
  expect(elsewhere.code).toBe(status.INVALID_ARGUMENT);
});

test('time-step edges: one step either side of now is accepted, two steps away refused; a used or earlier code is refused (replay)', async () => {
  const me = await signUpActor(t, slug, 'edges');
  // The previous step's code confirms the enrollment (accepted: one step back).
  const { secret } = await enroll(me, -1);
  const verify = async (code: string) => {
    const { secondFactor } = await login(me);
    return t.clients.auth.verifySecondFactor({ challenge: secondFactor!.challenge, code, recoveryCode: '' }, headers({ tenant: slug }));
  };
  expectReason(await failure(verify(codeAt(secret, -2))), status.UNAUTHENTICATED, 'SECOND_FACTOR_INVALID');
  expectReason(await failure(verify(codeAt(secret, 2))), status.UNAUTHENTICATED, 'SECOND_FACTOR_INVALID');
  // One step ahead: accepted (and the two failures above cleared: LOGIN_MAX_FAILURES is 3 here).
  expect((await verify(codeAt(secret, 1))).tokens?.accessToken).toBeTruthy();
  // The same code again, and the current step's (earlier than the last accepted): both refused.
  expectReason(await failure(verify(codeAt(secret, 1))), status.UNAUTHENTICATED, 'SECOND_FACTOR_INVALID');
  expectReason(await failure(verify(codeAt(secret, 0))), status.UNAUTHENTICATED, 'SECOND_FACTOR_INVALID');
});

test('recovery codes: each works once; all ten used up, only codes remain', async () => {
  const me = await signUpActor(t, slug, 'recovery');
  const { recoveryCodes } = await enroll(me);
  const verify = async (recoveryCode: string) => {
    const { secondFactor } = await login(me);
    return t.clients.auth.verifySecondFactor({ challenge: secondFactor!.challenge, code: '', recoveryCode }, headers({ tenant: slug }));
  };
  // Case and dashes do not matter.
  expect((await verify(recoveryCodes[0].toUpperCase().replace('-', ''))).tokens?.accessToken).toBeTruthy();
  expectReason(await failure(verify(recoveryCodes[0])), status.UNAUTHENTICATED, 'SECOND_FACTOR_INVALID');
  // Two failures so far would leave one before a lock (LOGIN_MAX_FAILURES 3): a right code clears them.
  for (const code of recoveryCodes.slice(1)) expect((await verify(code)).tokens?.accessToken).toBeTruthy();
  expectReason(await failure(verify(recoveryCodes[9])), status.UNAUTHENTICATED, 'SECOND_FACTOR_INVALID');
});

test('wrong codes draw on an atomic failure budget: after LOGIN_MAX_FAILURES the factor is locked, even for a right code', async () => {
  const me = await signUpActor(t, slug, 'guesser');
  const { secret } = await enroll(me);
  const { secondFactor } = await login(me);
  const right = codeAt(secret);
  const wrong = right === '000000' ? '111111' : '000000';
  const before = await secondFactorCounts();
  // Sent at once: at most 3 are judged, the rest find the budget held (busy) or the account locked.
  const answers = await Promise.all(
    Array.from({ length: 8 }, () => failure(t.clients.auth.verifySecondFactor({ challenge: secondFactor!.challenge, code: wrong, recoveryCode: '' }, headers({ tenant: slug })))),
  );
  const reasons = answers.map((e) => statusDetails(e).reason);
  expect(reasons.filter((r) => r === 'SECOND_FACTOR_INVALID').length).toBeLessThanOrEqual(3);
  const locked = await failure(t.clients.auth.verifySecondFactor({ challenge: secondFactor!.challenge, code: right, recoveryCode: '' }, headers({ tenant: slug })));
  expectReason(locked, status.RESOURCE_EXHAUSTED, 'SECOND_FACTOR_LOCKED');
  // What an operator sees: every judged wrong code as failure, every refusal while locked (or busy) as locked.
  const after = await secondFactorCounts();
  const refusedUnjudged = reasons.filter((r) => r === 'SECOND_FACTOR_LOCKED' || r === 'ACCOUNT_BUSY').length + 1;
  expect(rise(before, after)).toEqual({
    success: 0,
    failure: reasons.filter((r) => r === 'SECOND_FACTOR_INVALID').length,
    locked: refusedUnjudged,
  });
});

test('the race: of two VerifySecondFactor calls on one challenge exactly one wins', async () => {
  const me = await signUpActor(t, slug, 'racer');
  const { secret, recoveryCodes } = await enroll(me);
  // Two different right answers each time (a code and a recovery code, then two recovery codes), so each
  // passes its own check and only the challenge can decide.
  const pairs: Array<[{ code: string; recoveryCode: string }, { code: string; recoveryCode: string }]> = [
    [{ code: codeAt(secret, 1), recoveryCode: '' }, { code: '', recoveryCode: recoveryCodes[0] }],
    ...[1, 3, 5, 7].map((i) => [{ code: '', recoveryCode: recoveryCodes[i] }, { code: '', recoveryCode: recoveryCodes[i + 1] }] as [{ code: string; recoveryCode: string }, { code: string; recoveryCode: string }]),
  ];
  for (const [first, second] of pairs) {
    const { secondFactor } = await login(me);
    const results = await Promise.allSettled([first, second].map((answer) => t.clients.auth.verifySecondFactor({ challenge: secondFactor!.challenge, ...answer }, headers({ tenant: slug }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expectReason(loser.reason as ServiceError, status.UNAUTHENTICATED, 'CHALLENGE_INVALID');
  }
});

test('DisableTotp needs the password or a current code; then Login gives tokens again', async () => {
  const me = await signUpActor(t, slug, 'disabler');
  const { secret } = await enroll(me);
  const neither = await failure(t.clients.auth.disableTotp({ password: '', code: '' }, as(me)));
  expect(neither.code).toBe(status.INVALID_ARGUMENT);
  expectReason(await failure(t.clients.auth.disableTotp({ password: 'not my password', code: '' }, as(me))), status.UNAUTHENTICATED, 'INVALID_CREDENTIALS');
  await t.clients.auth.disableTotp({ password: '', code: codeAt(secret, 1) }, as(me));
  expect((await login(me)).tokens?.accessToken).toBeTruthy();
  expectReason(await failure(t.clients.auth.disableTotp({ password: me.password, code: '' }, as(me))), status.FAILED_PRECONDITION, 'TOTP_NOT_ENROLLED');

  // With the password.
  await enroll(me);
  await t.clients.auth.disableTotp({ password: me.password, code: '' }, as(me));
  expect((await login(me)).tokens?.accessToken).toBeTruthy();
});

test('a super-admin can use a factor too (no x-tenant-id anywhere)', async () => {
  const adminLogin = await t.clients.auth.login(SUPERADMIN, headers({}));
  const admin = headers({ token: adminLogin.tokens!.accessToken });
  await awayFromStepEdge();
  const started = await t.clients.auth.startTotpEnrollment({}, admin);
  await t.clients.auth.confirmTotpEnrollment({ code: codeAt(started.secret) }, admin);
  try {
    const answer = await t.clients.auth.login(SUPERADMIN, headers({}));
    expect(answer.tokens).toBeUndefined();
    expect(answer.secondFactor?.challenge).toMatch(/^platform\./);
    const verified = await t.clients.auth.verifySecondFactor({ challenge: answer.secondFactor!.challenge, code: codeAt(started.secret, 1), recoveryCode: '' }, headers({}));
    expect(verified.subject?.$case).toBe('platformAdmin');
  } finally {
    await t.clients.auth.disableTotp({ password: SUPERADMIN.password, code: '' }, admin);
  }
});

test('at rest the secret is sealed (AES-256-GCM), not the base32 secret; a row stored before encryption still verifies and is sealed on its first use', async () => {
  const me = await signUpActor(t, slug, 'sealed');
  const { secret } = await enroll(me);
  const row = async () => (await adminQuery<{ secret: string }>('SELECT secret FROM second_factors WHERE user_id = $1', [me.id], tenantDatabase(slug))).rows[0].secret;
  const stored = await row();
  expect(stored).toMatch(/^enc:v1:[0-9a-f]{8}:/);
  expect(stored).not.toContain(secret);

  // As a row written before this change: the plain base32 secret.
  await adminQuery('UPDATE second_factors SET secret = $2 WHERE user_id = $1', [me.id, secret], tenantDatabase(slug));
  const { secondFactor } = await login(me);
  const verified = await t.clients.auth.verifySecondFactor({ challenge: secondFactor!.challenge, code: codeAt(secret, 1), recoveryCode: '' }, headers({ tenant: slug }));
  expect(verified.tokens?.accessToken).toBeTruthy();
  const resealed = await row();
  expect(resealed).toMatch(/^enc:v1:/);
  expect(resealed).not.toContain(secret);

  // An altered sealed value is never taken for a secret (nor for "no factor"): Login still asks for the factor (it
  // reads only whether one is confirmed), and the verification fails closed (INTERNAL, no detail) before any code is judged.
  await adminQuery(`UPDATE second_factors SET secret = overlay(secret placing (CASE WHEN substr(secret, 30, 1) = 'A' THEN 'B' ELSE 'A' END) from 30 for 1) WHERE user_id = $1`, [me.id], tenantDatabase(slug));
  const challenged = await login(me);
  expect(challenged.tokens).toBeUndefined();
  const refused = await failure(t.clients.auth.verifySecondFactor({ challenge: challenged.secondFactor!.challenge, code: codeAt(secret, 2), recoveryCode: '' }, headers({ tenant: slug })));
  expect(refused.code).toBe(status.INTERNAL);
  expect(refused.details).not.toContain(secret);
});

describe('a tenant policy that requires a factor for some roles (second_factor_required_roles)', () => {
  let policySlug: string;
  let owner: Actor;
  let admin: Actor;
  let member: Actor;
  const setPolicy = async (roles: Role[]) =>
    (await t.clients.tenants.updateTenant({ tenant: Tenant.fromPartial({ slug: policySlug, secondFactorRequiredRoles: roles }), updateMask: ['second_factor_required_roles'] }, headers({ token: await t.superAdminToken() })))
      .tenant!;
  const loginIn = (actor: Actor) => t.clients.auth.login({ email: actor.email, password: actor.password }, headers({ tenant: policySlug }));

  beforeAll(async () => {
    policySlug = await createTenant(t, { slug: 'totp-policy' });
    owner = await signUpActor(t, policySlug, 'owner');
    admin = await createActor(t, owner, Role.ROLE_ADMIN, 'admin');
    member = await createActor(t, owner, Role.ROLE_MEMBER, 'member');
    // Duplicates are ignored; the list comes back in a fixed order.
    const updated = await setPolicy([Role.ROLE_ADMIN, Role.ROLE_OWNER, Role.ROLE_ADMIN]);
    expect(updated.secondFactorRequiredRoles).toEqual([Role.ROLE_OWNER, Role.ROLE_ADMIN]);
  });

  test('GetTenant shows the roles; a platform role or UNSPECIFIED is refused', async () => {
    const got = await t.clients.tenants.getTenant({ slug: policySlug }, headers({ token: await t.superAdminToken() }));
    expect(got.tenant?.secondFactorRequiredRoles).toEqual([Role.ROLE_OWNER, Role.ROLE_ADMIN]);
    for (const role of [Role.ROLE_SUPER_ADMIN, Role.ROLE_UNSPECIFIED]) {
      const refused = await failure(setPolicy([Role.ROLE_OWNER, role]));
      expect(refused.code).toBe(status.INVALID_ARGUMENT);
      expect(statusDetails(refused).violations.map((v) => v.field)).toEqual(['tenant.second_factor_required_roles[1]']);
    }
  });

  test('a MEMBER is not affected: the password alone signs in', async () => {
    const answer = await loginIn(member);
    expect(answer.secondFactor).toBeUndefined();
    expect(answer.tokens?.accessToken).toBeTruthy();
  });

  test('an ADMIN without a factor: Login answers an enrollment challenge, enrolling with it (an otplib code) returns the tokens; then the factor is required at sign-in and cannot be turned off', async () => {
    const answer = await loginIn(admin);
    expect(answer.tokens).toBeUndefined();
    expect(answer.subject).toBeUndefined();
    expect(answer.secondFactor?.enrollmentRequired).toBe(true);
    expect(answer.secondFactor?.reason).toMatch(/requires a second factor for the ADMIN role/);
    const challenge = answer.secondFactor!.challenge;
    const inTenant = headers({ tenant: policySlug });

    // The enrollment challenge is no sign-in challenge, and it is bound to its tenant.
    expectReason(await failure(t.clients.auth.verifySecondFactor({ challenge, code: '123456', recoveryCode: '' }, inTenant)), status.UNAUTHENTICATED, 'CHALLENGE_INVALID');
    expect((await failure(t.clients.auth.startRequiredTotpEnrollment({ challenge }, headers({ tenant: slug })))).code).toBe(status.INVALID_ARGUMENT);
    expectReason(await failure(t.clients.auth.startRequiredTotpEnrollment({ challenge: `${policySlug}.forged` }, inTenant)), status.UNAUTHENTICATED, 'CHALLENGE_INVALID');

    await awayFromStepEdge();
    const started = await t.clients.auth.startRequiredTotpEnrollment({ challenge }, inTenant);
    expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.otpauthUri).toContain(`secret=${started.secret}`);
    const before = await secondFactorCounts();
    // A wrong code does not use the challenge up.
    expectReason(await failure(t.clients.auth.confirmRequiredTotpEnrollment({ challenge, code: codeAt(started.secret, 3) }, inTenant)), status.UNAUTHENTICATED, 'SECOND_FACTOR_INVALID');
    const confirmed = await t.clients.auth.confirmRequiredTotpEnrollment({ challenge, code: codeAt(started.secret) }, inTenant);
    expect(confirmed.user?.id).toBe(admin.id);
    expect(confirmed.recoveryCodes).toHaveLength(10);
    const token = confirmed.tokens!.accessToken;
    expect((await t.clients.users.getMe({}, headers({ token, tenant: policySlug }))).user?.id).toBe(admin.id);
    // Used up.
    expectReason(await failure(t.clients.auth.confirmRequiredTotpEnrollment({ challenge, code: codeAt(started.secret, 1) }, inTenant)), status.UNAUTHENTICATED, 'CHALLENGE_INVALID');
    // The enrollment's codes are a sign-in's: one wrong, one right (an unusable challenge judges no code).
    expect(rise(before, await secondFactorCounts())).toEqual({ success: 1, failure: 1, locked: 0 });

    // From now on the usual challenge.
    const next = await loginIn(admin);
    expect(next.secondFactor?.enrollmentRequired).toBe(false);
    expect((await t.clients.auth.verifySecondFactor({ challenge: next.secondFactor!.challenge, code: codeAt(started.secret, 1), recoveryCode: '' }, inTenant)).tokens?.accessToken).toBeTruthy();

    // Cannot be turned off while the policy names ADMIN, with either proof.
    const withToken = headers({ token, tenant: policySlug });
    expectReason(await failure(t.clients.auth.disableTotp({ password: admin.password, code: '' }, withToken)), status.FAILED_PRECONDITION, 'SECOND_FACTOR_REQUIRED');
    // Once the policy no longer names ADMIN, it can.
    await setPolicy([Role.ROLE_OWNER]);
    try {
      await t.clients.auth.disableTotp({ password: admin.password, code: '' }, withToken);
      expect((await loginIn(admin)).tokens?.accessToken).toBeTruthy();
    } finally {
      await setPolicy([Role.ROLE_OWNER, Role.ROLE_ADMIN]);
    }
  });

  test('the OWNER (also required): of two confirmations with one enrollment challenge exactly one signs in', async () => {
    const owner2 = await loginIn(owner);
    expect(owner2.secondFactor?.enrollmentRequired).toBe(true);
    await awayFromStepEdge();
    const inTenant = headers({ tenant: policySlug });
    const { secret } = await t.clients.auth.startRequiredTotpEnrollment({ challenge: owner2.secondFactor!.challenge }, inTenant);
    const results = await Promise.allSettled(
      [0, 0].map(() => t.clients.auth.confirmRequiredTotpEnrollment({ challenge: owner2.secondFactor!.challenge, code: codeAt(secret) }, inTenant)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expectReason(loser.reason as ServiceError, status.UNAUTHENTICATED, 'CHALLENGE_INVALID');
  });

  test('audit trail: SecondFactorEnabled, RecoveryCodeUsed and SecondFactorDisabled are listed with the user, never a secret or a code', async () => {
    const { secret, recoveryCodes } = await enroll(member);
    const { secondFactor } = await loginIn(member);
    await t.clients.auth.verifySecondFactor({ challenge: secondFactor!.challenge, code: '', recoveryCode: recoveryCodes[4] }, headers({ tenant: policySlug }));
    await t.clients.auth.disableTotp({ password: member.password, code: '' }, as(member));

    const audit = async (action: string) => (await t.clients.audit.listAuditEvents({ action, pageSize: 10, pageToken: '', actorId: '' }, as(owner))).events;
    const enabled = await audit('SecondFactorEnabled');
    expect(enabled.map((e) => e.event)).toContainEqual({ $case: 'secondFactorEnabled', value: { userId: member.id } });
    expect(enabled.find((e) => e.event?.$case === 'secondFactorEnabled' && e.event.value.userId === member.id)?.actor?.id).toBe(member.id);
    const used = await audit('RecoveryCodeUsed');
    expect(used.map((e) => e.event)).toEqual([{ $case: 'recoveryCodeUsed', value: { userId: member.id, remaining: 9 } }]);
    // Answered with no access token (VerifySecondFactor): the user is the actor all the same.
    expect(used[0].actor).toMatchObject({ id: member.id, role: Role.ROLE_MEMBER });
    expect((await audit('SecondFactorDisabled')).map((e) => e.event)).toContainEqual({ $case: 'secondFactorDisabled', value: { userId: member.id } });
    // The admin's required enrollment (an earlier test) is in the trail too.
    expect(enabled.map((e) => e.event)).toContainEqual({ $case: 'secondFactorEnabled', value: { userId: admin.id } });
    expect(enabled.find((e) => e.event?.$case === 'secondFactorEnabled' && e.event.value.userId === admin.id)?.actor).toMatchObject({ id: admin.id, role: Role.ROLE_ADMIN });

    // Neither the secret nor a recovery code is anywhere in the tenant's outbox.
    const { rows } = await adminQuery<{ payload: string }>(`SELECT encode(payload, 'escape') AS payload FROM outbox_events`, [], tenantDatabase(policySlug));
    const all = rows.map((r) => r.payload).join('\n');
    expect(all).not.toContain(secret);
    for (const code of recoveryCodes) expect(all).not.toContain(code);
  });
});

