// The TOTP handlers on the in-memory unit of work: every change to a factor is a unit whose audit event
// (SecondFactorEnabled, RecoveryCodeUsed, SecondFactorDisabled) commits with it, says which user and never
// holds a secret or a code; and the tenant policy that keeps a required factor on.
import 'reflect-metadata';
import { ConfirmTotpEnrollmentCommand } from '../../../../src/application/auth/commands/confirm-totp-enrollment/confirm-totp-enrollment.command';
import { ConfirmTotpEnrollmentHandler } from '../../../../src/application/auth/commands/confirm-totp-enrollment/confirm-totp-enrollment.handler';
import { DisableTotpCommand } from '../../../../src/application/auth/commands/disable-totp/disable-totp.command';
import { DisableTotpHandler } from '../../../../src/application/auth/commands/disable-totp/disable-totp.handler';
import { StartTotpEnrollmentCommand } from '../../../../src/application/auth/commands/start-totp-enrollment/start-totp-enrollment.command';
import { StartTotpEnrollmentHandler } from '../../../../src/application/auth/commands/start-totp-enrollment/start-totp-enrollment.handler';
import { VerifySecondFactorCommand } from '../../../../src/application/auth/commands/verify-second-factor/verify-second-factor.command';
import { VerifySecondFactorHandler } from '../../../../src/application/auth/commands/verify-second-factor/verify-second-factor.handler';
import { TotpEnrollments } from '../../../../src/application/auth/second-factor/totp-enrollments';
import { Telemetry } from '../../../../src/application/shared/telemetry';
import { SignInAudit } from '../../../../src/application/auth/sign-in-audit';
import { PasswordAttemptBudget } from '../../../../src/domain/auth/password-attempt-budget';
import { PasswordHasher } from '../../../../src/domain/auth/password-hasher';
import { SessionScope } from '../../../../src/domain/auth/refresh-token-store';
import { SecondFactorStore } from '../../../../src/domain/auth/second-factor-store';
import { Totp } from '../../../../src/domain/auth/totp';
import { PlatformAdminRepository } from '../../../../src/domain/platform-admin/platform-admin';
import { DomainError } from '../../../../src/domain/shared/domain-error';
import { TenantRole } from '../../../../src/domain/user/user-attributes';
import { UserRepository } from '../../../../src/domain/user/user-repository';
import { InMemoryUnitOfWork } from '../../support/in-memory-unit-of-work';
import { OriginMother, PrincipalMother, TenantMother, UserMother } from '../../support/mothers';

const ORIGIN = OriginMother.caller();
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** Codes of this fake are '1000xx' for step xx. */
const totp: Totp = {
  newSecret: () => SECRET,
  uri: (secret) => `otpauth://totp/x?secret=${secret}`,
  qrSvg: async () => '<svg/>',
  matchStep: (secret, code) => (secret === SECRET && /^1000\d\d$/.test(code) ? Number(code.slice(4)) : undefined),
};
const clock = { now: () => new Date('2026-06-01T00:00:00Z') };
const budget = { reserve: async () => ({ granted: true, settle: async () => 0 }) } as unknown as PasswordAttemptBudget;

function world(requiredRoles: TenantRole[] = []) {
  const units = new InMemoryUnitOfWork();
  const tenant = TenantMother.create({ secondFactorRequiredRoles: requiredRoles });
  const user = UserMother.create({ role: 'ADMIN' });
  units.givenUser(tenant, user);
  const users = { findById: async (scope: SessionScope, id: string) => (scope === 'platform' ? undefined : units.database(scope).users.get(id)) } as unknown as UserRepository;
  const admins = {} as PlatformAdminRepository;
  const store = {
    find: async (scope: SessionScope, id: string) => {
      const row = units.database(scope).secondFactors.get(id);
      return row && { secret: row.secret, confirmed: row.confirmed, lastStep: row.lastStep, recoveryCodesLeft: row.recoveryCodeHashes.length };
    },
    peekChallenge: async () => user.id,
    claimChallenge: async () => user.id,
  } as unknown as SecondFactorStore;
  const hasher = { verify: async (_hash: string, password: string) => password === 'right' } as unknown as PasswordHasher;
  // The sign-in's own records (SignInSucceeded with the session, SignInFailed) are sign-in-audit.test.ts's.
  const signIns = {
    startSession: async () => ({ accessToken: { token: 'a', expiresAt: new Date() }, refreshToken: 'r', refreshTokenExpiresAt: new Date() }),
    secondFactorFailed: () => undefined,
  } as unknown as SignInAudit;
  // What the metric counts: each judged code's outcome.
  const counted: string[] = [];
  const telemetry: Telemetry = { loginAttempt: () => undefined, tenantProvisioned: () => undefined, tokenRefresh: () => undefined, secondFactorAttempt: (outcome) => void counted.push(outcome) };
  const enrollments = new TotpEnrollments(store, totp, users, clock, units);
  const caller = PrincipalMother.of(user, tenant);
  const start = () => new StartTotpEnrollmentHandler(enrollments, users, admins).execute(new StartTotpEnrollmentCommand(caller, tenant), ORIGIN);
  const confirm = (code: string) => new ConfirmTotpEnrollmentHandler(enrollments, users, admins).execute(new ConfirmTotpEnrollmentCommand(caller, tenant, code), ORIGIN);
  const disable = (proof: { password?: string; code?: string }) =>
    new DisableTotpHandler(store, totp, users, admins, hasher, budget, clock, units).execute(new DisableTotpCommand(caller, tenant, proof), ORIGIN);
  const verify = (proof: { code?: string; recoveryCode?: string }) =>
    new VerifySecondFactorHandler(store, totp, users, admins, budget, signIns, clock, units, telemetry).execute(new VerifySecondFactorCommand(`${tenant.slug}.${'c'.repeat(43)}`, proof, tenant), ORIGIN);
  return { units, tenant, user, start, confirm, disable, verify, counted };
}

test('enrollment: starting records nothing; confirming is one unit with SecondFactorEnabled (the user, no secret), stamped with the origin', async () => {
  const { units, user, start, confirm } = world();
  await start();
  expect(units.eventTypes()).toEqual([]);
  const codes = await confirm('100007');
  expect(codes).toHaveLength(10);
  expect(units.committed.map((c) => c.event)).toEqual([{ type: 'SecondFactorEnabled', targetId: user.id }]);
  expect(units.stampedWith).toEqual([ORIGIN]);
  expect(JSON.stringify(units.committed)).not.toContain(SECRET);
});

test('a recovery code: RecoveryCodeUsed with the codes left, never the code; the same code again records nothing', async () => {
  const { units, user, start, confirm, verify } = world();
  await start();
  const codes = await confirm('100007');
  await verify({ recoveryCode: codes[3] });
  expect(units.committed.at(-1)?.event).toEqual({ type: 'RecoveryCodeUsed', targetId: user.id, remaining: 9 });
  // Answered without an access token: the user is stamped as the actor.
  expect(units.stampedWith.at(-1)).toMatchObject({ actorId: user.id, actorRole: 'ADMIN', requestId: ORIGIN.requestId });
  expect(JSON.stringify(units.committed)).not.toContain(codes[3]);
  const before = units.committed.length;
  await expect(verify({ recoveryCode: codes[3] })).rejects.toMatchObject({ reason: 'SECOND_FACTOR_INVALID' });
  expect(units.committed).toHaveLength(before);
});

test('a code accepted at sign-in moves the replay guard in a unit (no event); the same step again is refused', async () => {
  const { units, user, tenant, start, confirm, verify, counted } = world();
  await start();
  await confirm('100007');
  await verify({ code: '100008' });
  expect(units.database(tenant).secondFactors.get(user.id)?.lastStep).toBe(8);
  expect(units.eventTypes()).toEqual(['SecondFactorEnabled']);
  await expect(verify({ code: '100008' })).rejects.toMatchObject({ reason: 'SECOND_FACTOR_INVALID' });
  // The metric: the sign-in's code right, the replayed one wrong (the enrollment's own code is not a sign-in).
  expect(counted).toEqual(['success', 'failure']);
});

test('DisableTotp: SecondFactorDisabled; refused (SECOND_FACTOR_REQUIRED, nothing written) while the tenant requires a factor of the role', async () => {
  const required = world(['OWNER', 'ADMIN']);
  await required.start();
  await required.confirm('100007');
  const refused = await required.disable({ password: 'right' }).catch((e: DomainError) => e);
  expect(refused).toMatchObject({ reason: 'SECOND_FACTOR_REQUIRED' });
  expect(required.units.eventTypes()).toEqual(['SecondFactorEnabled']);
  expect(required.units.database(required.tenant).secondFactors.has(required.user.id)).toBe(true);

  const free = world(['OWNER']);
  await free.start();
  await free.confirm('100007');
  await free.disable({ code: '100009' });
  expect(free.units.eventTypes()).toEqual(['SecondFactorEnabled', 'SecondFactorDisabled']);
  expect(free.units.database(free.tenant).secondFactors.has(free.user.id)).toBe(false);
});

test('dropping an enrollment that was never confirmed records no SecondFactorDisabled', async () => {
  const { units, start, disable } = world();
  await start();
  await disable({ password: 'right' });
  expect(units.eventTypes()).toEqual([]);
});
