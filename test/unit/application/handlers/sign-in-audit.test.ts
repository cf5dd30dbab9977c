import 'reflect-metadata';
import { AppConfig } from '../../../../src/config/config';
import { SessionIssuer } from '../../../../src/application/auth/session-issuer';
import { SignInAudit } from '../../../../src/application/auth/sign-in-audit';
import { BackgroundWork } from '../../../../src/application/shared/background-work';
import { AccessTokenIssuer } from '../../../../src/domain/auth/access-token-issuer';
import { RefreshTokenStore } from '../../../../src/domain/auth/refresh-token-store';
import { InMemoryUnitOfWork } from '../../support/in-memory-unit-of-work';
import { OriginMother, TenantMother, UserMother } from '../../support/mothers';

/** A SignInAudit over the in-memory unit of work, whose units and their commits the test can see. */
function world() {
  const units = new InMemoryUnitOfWork();
  const runs: string[][] = [];
  const run = units.run.bind(units);
  units.run = (async (scope: Parameters<typeof run>[0], origin: Parameters<typeof run>[1], work: Parameters<typeof run>[2]) => {
    const before = units.committed.length;
    const result = await run(scope, origin, work);
    runs.push(units.committed.slice(before).map((c) => c.event.type));
    return result;
  }) as typeof units.run;
  // Sessions started outside a unit would land here: the sign-in must not use it.
  const outside: string[] = [];
  const store = { create: async (_scope: unknown, token: { familyId: string }) => void outside.push(token.familyId) } as unknown as RefreshTokenStore;
  const signer: AccessTokenIssuer = { issue: async (principal) => ({ token: `signed-for-${principal.sessionId}`, expiresAt: new Date('2026-06-01T00:15:00Z') }) };
  const issuer = new SessionIssuer(store, signer, { refreshTokenTtlSeconds: 3600 } as AppConfig, { now: () => new Date('2026-06-01T00:00:00Z') });
  const background = { run: () => undefined } as unknown as BackgroundWork;
  const audit = new SignInAudit(units, background, issuer);
  const tenant = TenantMother.active();
  const user = UserMother.create();
  return { units, runs, outside, audit, tenant, user };
}

test('a session started by a sign-in and its SignInSucceeded are one unit of work; the tokens come after the commit', async () => {
  const { units, runs, outside, audit, tenant, user } = world();
  const tokens = await audit.granting(tenant, { id: user.id, role: user.role }, OriginMother.caller(), (startSession) => startSession({ id: user.id, role: user.role }));
  expect(runs).toEqual([['SignInSucceeded']]);
  const [session] = units.database(tenant).sessions;
  expect(session).toMatchObject({ userId: user.id, revoked: false });
  expect(tokens.accessToken.token).toBe(`signed-for-${session.familyId}`);
  expect(outside).toEqual([]);
});

test('a right password answered with a second-factor challenge records nothing and starts no session: not yet a sign-in', async () => {
  const { units, runs, audit, tenant, user } = world();
  const answer = await audit.granting(tenant, { id: user.id, role: user.role }, OriginMother.caller(), async () => 'challenge');
  expect(answer).toBe('challenge');
  expect(runs).toEqual([]);
  expect(units.database(tenant).sessions).toEqual([]);
});

test('a sign-in completed by its second factor: the session and its SignInSucceeded are one unit; a super-admin\'s session records nothing', async () => {
  const { units, runs, outside, audit, tenant, user } = world();
  await audit.startSession(tenant, { id: user.id, role: user.role }, OriginMother.caller());
  expect(runs).toEqual([['SignInSucceeded']]);
  expect(units.database(tenant).sessions).toHaveLength(1);
  await audit.startSession(undefined, { id: 'admin-1', role: 'SUPER_ADMIN' }, OriginMother.caller());
  expect(runs).toEqual([['SignInSucceeded']]);
  expect(outside).toHaveLength(1);
});

test('a unit that fails leaves neither the session nor its audit event, and no tokens', async () => {
  const { units, runs, audit, tenant, user } = world();
  units.run = (async () => {
    throw new Error('the database went away');
  }) as typeof units.run;
  await expect(audit.granting(tenant, { id: user.id, role: user.role }, OriginMother.caller(), (startSession) => startSession({ id: user.id, role: user.role }))).rejects.toThrow('the database went away');
  expect(runs).toEqual([]);
  expect(units.database(tenant).sessions).toEqual([]);
});
