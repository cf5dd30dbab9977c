// The user write commands on the in-memory unit of work: what they change, the events their entities
// record, and that a refused change writes nothing and runs no effect.
import 'reflect-metadata';
import { CreateUserCommand } from '../../../../src/application/user/commands/create-user/create-user.command';
import { CreateUserHandler } from '../../../../src/application/user/commands/create-user/create-user.handler';
import { DeleteUserCommand } from '../../../../src/application/user/commands/delete-user/delete-user.command';
import { DeleteUserHandler } from '../../../../src/application/user/commands/delete-user/delete-user.handler';
import { UpdateMeCommand } from '../../../../src/application/user/commands/update-me/update-me.command';
import { UpdateMeHandler } from '../../../../src/application/user/commands/update-me/update-me.handler';
import { UpdateUserCommand } from '../../../../src/application/user/commands/update-user/update-user.command';
import { UpdateUserHandler } from '../../../../src/application/user/commands/update-user/update-user.handler';
import { PasswordHasher } from '../../../../src/domain/auth/password-hasher';
import { EmailVerificationMail } from '../../../../src/application/auth/email-verification';
import { AppLinks } from '../../../../src/application/mail/app-links';
import { AppConfig } from '../../../../src/config/config';
import { InMemoryUnitOfWork } from '../../support/in-memory-unit-of-work';
import { TenantMother } from '../../support/mothers';
import { PrincipalMother, UserMother } from '../../support/mothers';
import { OriginMother } from '../../support/mothers';

/** Who asked, as the gRPC layer hands it to every handler. */
const ORIGIN = OriginMother.caller();

const clock = { now: () => new Date('2026-06-01T00:00:00Z') };
const hasher = { hash: async (p: string) => `hashed:${p}` } as unknown as PasswordHasher;

function world() {
  const units = new InMemoryUnitOfWork();
  const tenant = TenantMother.create();
  const owner = UserMother.owner();
  const admin = UserMother.create({ role: 'ADMIN' });
  const member = UserMother.create();
  for (const u of [owner, admin, member]) units.givenUser(tenant, u);
  return { units, tenant, owner, admin, member };
}

const verification = new EmailVerificationMail(new AppLinks('https://{tenant}.app.example'), clock, { emailVerification: { ttlHours: 48 } } as AppConfig);

describe('UpdateUser', () => {
  test('a new email: unverified, a verification message to it in the same unit, links mailed to the old address void', async () => {
    const { units, tenant, owner, member } = world();
    const reset = { id: 'r1', purpose: 'PASSWORD_RESET' as const, userId: member.id, tokenHash: 'h1', expiresAt: new Date('2100-01-01T00:00:00Z') };
    await units.run(tenant, ORIGIN, ({ tokens }) => tokens.issue(reset, clock.now()));
    const stored = await new UpdateUserHandler(units, clock, verification).execute(new UpdateUserCommand(tenant, PrincipalMother.of(owner, tenant), member.id, { email: ' Moved@Example.test ' }), ORIGIN);
    expect(stored.email.value).toBe('Moved@Example.test');
    expect(stored.emailVerified).toBe(false);
    expect(units.eventTypes()).toContain('UserUpdated');
    expect(units.committed.find((c) => c.event.type === 'UserUpdated')?.event).toEqual({ type: 'UserUpdated', targetId: member.id, changedFields: ['email'] });
    // The new address gets its link; the old one a notice naming the new address masked, without a link.
    const oldAddress = member.email.value;
    expect(units.database(tenant).mail).toEqual([
      expect.objectContaining({ kind: 'EMAIL_VERIFICATION', to: 'Moved@Example.test' }),
      expect.objectContaining({ kind: 'EMAIL_CHANGED', to: oldAddress, text: expect.stringContaining('M••••@Example.test') }),
    ]);
    expect(units.database(tenant).mail[1].text).not.toMatch(/https?:|Moved@/);
    const rows = units.database(tenant).tokens;
    expect(rows.find((t) => t.tokenHash === 'h1')?.supersededAt).toEqual(clock.now());
    expect(rows.filter((t) => t.purpose === 'EMAIL_VERIFICATION' && !t.supersededAt)).toHaveLength(1);
  });

  test('nobody changes their own email with UpdateUser (OWN_EMAIL); the same address in other letters keeps it verified', async () => {
    const { units, tenant, owner, admin } = world();
    const handler = new UpdateUserHandler(units, clock, verification);
    await expect(handler.execute(new UpdateUserCommand(tenant, PrincipalMother.of(admin, tenant), admin.id, { email: 'mine@example.test' }), ORIGIN)).rejects.toMatchObject({ reason: 'OWN_EMAIL' });
    expect(units.committed).toEqual([]);
    admin.verifyEmail(clock.now());
    const recased = await handler.execute(new UpdateUserCommand(tenant, PrincipalMother.of(owner, tenant), admin.id, { email: admin.email.value.toUpperCase() }), ORIGIN);
    expect(recased.emailVerified).toBe(true);
    expect(units.database(tenant).mail).toEqual([]);
  });

  test('disabling a user ends their sessions in the same unit and forgets the cached user', async () => {
    const { units, tenant, owner, member } = world();
    units.givenSession(tenant, member.id, 'f1');
    units.givenSession(tenant, member.id, 'f2');
    const handler = new UpdateUserHandler(units, clock, verification);
    const stored = await handler.execute(new UpdateUserCommand(tenant, PrincipalMother.of(owner, tenant), member.id, { status: 'DISABLED', name: 'Renamed' }), ORIGIN);
    expect(stored.status).toBe('DISABLED');
    expect(units.eventTypes()).toEqual(['UserUpdated', 'UserStatusChanged', 'SessionRevoked']);
    expect(units.database(tenant).sessions.every((s) => s.revoked)).toBe(true);
    expect(units.forgottenUsers).toEqual([`${tenant.id}/${member.id}`]);
    expect(units.wakeUps).toEqual([tenant.slug]);
  });

  test('the last active OWNER cannot be demoted: nothing is written, no effect runs', async () => {
    const { units, tenant, owner } = world();
    const handler = new UpdateUserHandler(units, clock, verification);
    await expect(handler.execute(new UpdateUserCommand(tenant, PrincipalMother.of({ id: 'other-owner', role: 'OWNER' }, tenant), owner.id, { role: 'ADMIN' }), ORIGIN)).rejects.toMatchObject({ reason: 'LAST_OWNER' });
    expect(units.database(tenant).users.get(owner.id)?.role).toBe('OWNER');
    expect(units.committed).toEqual([]);
    expect(units.forgottenUsers).toEqual([]);
  });

  test('with a second OWNER, the first may be demoted', async () => {
    const { units, tenant, owner } = world();
    const second = UserMother.owner();
    units.givenUser(tenant, second);
    await new UpdateUserHandler(units, clock, verification).execute(new UpdateUserCommand(tenant, PrincipalMother.of(second, tenant), owner.id, { role: 'MEMBER' }), ORIGIN);
    expect(units.eventTypes()).toEqual(['UserRoleChanged']);
  });

  test('an ADMIN may not touch an OWNER, and an unknown id is NOT_FOUND', async () => {
    const { units, tenant, owner, admin } = world();
    const handler = new UpdateUserHandler(units, clock, verification);
    await expect(handler.execute(new UpdateUserCommand(tenant, PrincipalMother.of(admin, tenant), owner.id, { name: 'x' }), ORIGIN)).rejects.toMatchObject({ reason: 'OWNER_PROTECTED' });
    await expect(handler.execute(new UpdateUserCommand(tenant, PrincipalMother.of(admin, tenant), '0190a5b0-0000-7000-8000-000000000000', { name: 'x' }), ORIGIN)).rejects.toMatchObject({ reason: 'USER_NOT_FOUND' });
    expect(units.committed).toEqual([]);
  });

  test('an unchanged value records nothing', async () => {
    const { units, tenant, owner, member } = world();
    await new UpdateUserHandler(units, clock, verification).execute(new UpdateUserCommand(tenant, PrincipalMother.of(owner, tenant), member.id, { name: member.name, role: 'MEMBER' }), ORIGIN);
    expect(units.committed).toEqual([]);
  });
});

describe('DeleteUser', () => {
  test('deletes the user with their sessions and records UserDeleted', async () => {
    const { units, tenant, owner, member } = world();
    units.givenSession(tenant, member.id, 'f1');
    await new DeleteUserHandler(units).execute(new DeleteUserCommand(tenant, PrincipalMother.of(owner, tenant), member.id), ORIGIN);
    expect(units.database(tenant).users.has(member.id)).toBe(false);
    expect(units.database(tenant).sessions).toEqual([]);
    expect(units.eventTypes()).toEqual(['UserDeleted']);
  });

  test('the last OWNER is kept', async () => {
    const { units, tenant, owner } = world();
    await expect(new DeleteUserHandler(units).execute(new DeleteUserCommand(tenant, PrincipalMother.of({ id: 'x', role: 'OWNER' }, tenant), owner.id), ORIGIN)).rejects.toMatchObject({ reason: 'LAST_OWNER' });
    expect(units.database(tenant).users.has(owner.id)).toBe(true);
  });
});

describe('CreateUser and UpdateMe', () => {
  test('an ADMIN cannot create an OWNER; an OWNER can, and the user is registered with its event', async () => {
    const { units, tenant, owner, admin } = world();
    const handler = new CreateUserHandler(units, hasher, clock, verification);
    const input = { email: 'new@example.test', password: 'A sturdy passphrase 1!', name: 'New' };
    await expect(handler.execute(new CreateUserCommand(tenant, PrincipalMother.of(admin, tenant), input.email, input.name, input.password, 'OWNER'), ORIGIN)).rejects.toMatchObject({ reason: 'OWNER_REQUIRED' });
    const created = await handler.execute(new CreateUserCommand(tenant, PrincipalMother.of(owner, tenant), input.email, input.name, input.password, 'OWNER'), ORIGIN);
    expect(created.passwordHash).toBe('hashed:A sturdy passphrase 1!');
    expect(units.committed.map((c) => c.event)).toEqual([{ type: 'UserRegistered', targetId: created.id, email: 'new@example.test', role: 'OWNER', selfSignUp: false }]);
    // The verification message is queued in the same unit, to the new user, with its link.
    expect(units.database(tenant).mail).toEqual([expect.objectContaining({ kind: 'EMAIL_VERIFICATION', to: 'new@example.test', text: expect.stringContaining(`https://${tenant.slug}.app.example/verify-email?token=`) })]);
    expect(units.database(tenant).tokens).toEqual([expect.objectContaining({ purpose: 'EMAIL_VERIFICATION', userId: created.id })]);
    await expect(handler.execute(new CreateUserCommand(tenant, PrincipalMother.of(owner, tenant), input.email, input.name, input.password, 'MEMBER'), ORIGIN)).rejects.toMatchObject({ reason: 'EMAIL_TAKEN' });
  });

  test('UpdateMe renames the caller; a disabled caller is refused', async () => {
    const { units, tenant, member } = world();
    const handler = new UpdateMeHandler(units);
    expect((await handler.execute(new UpdateMeCommand(tenant, PrincipalMother.of(member, tenant), { name: 'Me' }), ORIGIN)).name).toBe('Me');
    expect(units.eventTypes()).toEqual(['UserUpdated']);
    const disabled = UserMother.disabled();
    units.givenUser(tenant, disabled);
    await expect(handler.execute(new UpdateMeCommand(tenant, PrincipalMother.of(disabled, tenant), { name: 'x' }), ORIGIN)).rejects.toMatchObject({ reason: 'USER_INACTIVE' });
  });
});

test("every write handler runs its unit with the caller's origin, so its events name who asked", async () => {
  const { units, tenant, owner, member } = world();
  const by = PrincipalMother.of(owner, tenant);
  await new UpdateUserHandler(units, clock, verification).execute(new UpdateUserCommand(tenant, by, member.id, { name: 'Renamed' }), ORIGIN);
  await new UpdateMeHandler(units).execute(new UpdateMeCommand(tenant, by, { name: 'Me again' }), ORIGIN);
  await new DeleteUserHandler(units).execute(new DeleteUserCommand(tenant, by, member.id), ORIGIN);
  expect(units.stampedWith).toEqual([ORIGIN, ORIGIN, ORIGIN]);
});
