// The super-admin commands (issue 18) on the in-memory unit of work: the events their entity records to the
// platform's outbox, the effects after the commit, and that a refused change writes nothing.
import 'reflect-metadata';
import { ChangeSuperAdminPasswordCommand } from '../../../../src/application/platform-admin/commands/change-super-admin-password/change-super-admin-password.command';
import { ChangeSuperAdminPasswordHandler } from '../../../../src/application/platform-admin/commands/change-super-admin-password/change-super-admin-password.handler';
import { CreateSuperAdminCommand } from '../../../../src/application/platform-admin/commands/create-super-admin/create-super-admin.command';
import { CreateSuperAdminHandler } from '../../../../src/application/platform-admin/commands/create-super-admin/create-super-admin.handler';
import { RemoveSuperAdminCommand } from '../../../../src/application/platform-admin/commands/remove-super-admin/remove-super-admin.command';
import { RemoveSuperAdminHandler } from '../../../../src/application/platform-admin/commands/remove-super-admin/remove-super-admin.handler';
import { PasswordHasher } from '../../../../src/domain/auth/password-hasher';
import { PlatformAdminRepository, SuperAdmin } from '../../../../src/domain/platform-admin/platform-admin';
import { DomainError } from '../../../../src/domain/shared/domain-error';
import { Email } from '../../../../src/domain/shared/email';
import { uuidV7 } from '../../../../src/domain/shared/uuid-v7';
import { MemoryPasswordAttemptBudget } from '../../../../src/infrastructure/throttle/memory-password-attempt-budget';
import { InMemoryUnitOfWork } from '../../support/in-memory-unit-of-work';
import { OriginMother } from '../../support/mothers';

const ORIGIN = OriginMother.caller();
const clock = { now: () => new Date('2026-06-01T00:00:00Z') };
const hasher = {
  hash: async (p: string) => `hashed:${p}`,
  verify: async (hash: string, p: string) => hash === `hashed:${p}`,
} as unknown as PasswordHasher;

function admin(email: string, password = 'an old long passphrase'): SuperAdmin {
  const created = SuperAdmin.create({ id: uuidV7(), email: Email.parse(email), name: 'Ada', passwordHash: `hashed:${password}`, now: clock.now() });
  created.pullDomainEvents();
  return created;
}

/** The read side of the platform database the in-memory unit holds. */
function reads(units: InMemoryUnitOfWork): PlatformAdminRepository {
  const rows = () => [...units.database('platform').admins.values()];
  const view = (a: SuperAdmin | undefined) => a && { id: a.id, email: a.email.value, name: a.name, passwordHash: a.passwordHash };
  return {
    findById: async (id) => view(rows().find((a) => a.id === id)),
    findByEmail: async (email) => view(rows().find((a) => a.email.normalized === email.normalized)),
    list: async () => rows().map((a) => ({ id: a.id, email: a.email.value, name: a.name, createdAt: a.createdAt })),
  };
}

describe('CreateSuperAdmin', () => {
  test('records SuperAdminCreated on the platform outbox and forgets a cached "not found"', async () => {
    const units = new InMemoryUnitOfWork();
    const created = await new CreateSuperAdminHandler(hasher, units, clock).execute(new CreateSuperAdminCommand(' Grace@Platform.test ', 'Grace', 'a long enough passphrase'), ORIGIN);
    expect(created.email.value).toBe('Grace@Platform.test');
    expect(created.passwordHash).toBe('hashed:a long enough passphrase');
    expect(units.committed).toEqual([{ event: { type: 'SuperAdminCreated', targetId: created.id, email: 'Grace@Platform.test', name: 'Grace' }, subject: undefined }]);
    expect(units.forgottenPlatformAdmins).toEqual([created.id]);
    expect(units.wakeUps).toEqual(['platform']);
  });

  test('an email taken (in any case) is ALREADY_EXISTS and writes nothing', async () => {
    const units = new InMemoryUnitOfWork();
    units.givenSuperAdmin(admin('grace@platform.test'));
    await expect(new CreateSuperAdminHandler(hasher, units, clock).execute(new CreateSuperAdminCommand('GRACE@platform.test', 'Grace', 'a long enough passphrase'), ORIGIN)).rejects.toMatchObject({
      kind: 'ALREADY_EXISTS',
      reason: 'SUPER_ADMIN_ALREADY_EXISTS',
    });
    expect(units.committed).toEqual([]);
  });

  test('the password policy (12 characters, not common) and the fields are checked at once', async () => {
    const units = new InMemoryUnitOfWork();
    const error = await new CreateSuperAdminHandler(hasher, units, clock).execute(new CreateSuperAdminCommand('not-an-email', '', 'short pass'), ORIGIN).catch((e: DomainError) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('INVALID_ARGUMENT');
    expect((error as DomainError).violations.map((v) => v.field).sort()).toEqual(['email', 'name', 'password']);
    expect(units.committed).toEqual([]);
  });
});

describe('RemoveSuperAdmin', () => {
  test('ends their sessions and removes them in one unit; both caches are forgotten', async () => {
    const units = new InMemoryUnitOfWork();
    const first = admin('first@platform.test');
    const second = admin('second@platform.test');
    units.givenSuperAdmin(first);
    units.givenSuperAdmin(second);
    units.database('platform').sessions.push({ familyId: 'f1', userId: first.id, revoked: false });
    await new RemoveSuperAdminHandler(units, clock).execute(new RemoveSuperAdminCommand(first.id), ORIGIN);
    expect(units.database('platform').admins.has(first.id)).toBe(false);
    expect(units.eventTypes()).toEqual(['SuperAdminRemoved', 'SessionRevoked']);
    expect(units.forgottenSessionLists).toEqual([`platform/${first.id}`]);
    expect(units.forgottenPlatformAdmins).toEqual([first.id]);
  });

  test('the last super-admin cannot be removed: FAILED_PRECONDITION, and the sessions stay', async () => {
    const units = new InMemoryUnitOfWork();
    const only = admin('only@platform.test');
    units.givenSuperAdmin(only);
    units.database('platform').sessions.push({ familyId: 'f1', userId: only.id, revoked: false });
    await expect(new RemoveSuperAdminHandler(units, clock).execute(new RemoveSuperAdminCommand(only.id), ORIGIN)).rejects.toMatchObject({
      kind: 'FAILED_PRECONDITION',
      reason: 'LAST_SUPER_ADMIN',
    });
    expect(units.database('platform').admins.has(only.id)).toBe(true);
    expect(units.database('platform').sessions[0].revoked).toBe(false);
    expect(units.committed).toEqual([]);
  });

  test('an unknown or malformed id is NOT_FOUND', async () => {
    const units = new InMemoryUnitOfWork();
    units.givenSuperAdmin(admin('a@platform.test'));
    units.givenSuperAdmin(admin('b@platform.test'));
    const handler = new RemoveSuperAdminHandler(units, clock);
    await expect(handler.execute(new RemoveSuperAdminCommand(uuidV7()), ORIGIN)).rejects.toMatchObject({ reason: 'SUPER_ADMIN_NOT_FOUND' });
    await expect(handler.execute(new RemoveSuperAdminCommand('nope'), ORIGIN)).rejects.toMatchObject({ reason: 'SUPER_ADMIN_NOT_FOUND' });
  });
});

describe('ChangeMyPassword (super-admin)', () => {
  function setUp() {
    const units = new InMemoryUnitOfWork();
    const me = admin('me@platform.test', 'the current passphrase');
    units.givenSuperAdmin(me);
    units.database('platform').sessions.push({ familyId: 'this', userId: me.id, revoked: false }, { familyId: 'other', userId: me.id, revoked: false });
    const budget = new MemoryPasswordAttemptBudget({ maxFailures: 5, windowSeconds: 60, lockoutSeconds: 600 });
    const handler = new ChangeSuperAdminPasswordHandler(reads(units), hasher, units, clock, budget);
    const caller = { subject: me.id, role: 'SUPER_ADMIN' as const, sessionId: 'this' };
    return { units, me, handler, caller };
  }

  test('the right current password sets the new one, ends the other sessions, records SuperAdminPasswordChanged', async () => {
    const { units, me, handler, caller } = setUp();
    await handler.execute(new ChangeSuperAdminPasswordCommand(caller, 'the current passphrase', 'a brand new passphrase'), ORIGIN);
    expect(units.database('platform').admins.get(me.id)?.passwordHash).toBe('hashed:a brand new passphrase');
    expect(units.eventTypes()).toEqual(['SuperAdminPasswordChanged', 'SessionRevoked']);
    const sessions = units.database('platform').sessions;
    expect(sessions.find((s) => s.familyId === 'this')?.revoked).toBe(false);
    expect(sessions.find((s) => s.familyId === 'other')?.revoked).toBe(true);
  });

  test('a wrong current password is refused on current_password and changes nothing', async () => {
    const { units, me, handler, caller } = setUp();
    await expect(handler.execute(new ChangeSuperAdminPasswordCommand(caller, 'not the passphrase', 'a brand new passphrase'), ORIGIN)).rejects.toMatchObject({
      kind: 'INVALID_ARGUMENT',
      violations: [{ field: 'current_password', description: 'is not the current password' }],
    });
    expect(units.database('platform').admins.get(me.id)?.passwordHash).toBe('hashed:the current passphrase');
    expect(units.committed).toEqual([]);
  });
});
