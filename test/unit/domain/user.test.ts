import { DomainError } from '../../../src/domain/shared/domain-error';
import { Email } from '../../../src/domain/shared/email';
import { User } from '../../../src/domain/user/user';
import { UserMother } from '../support/mothers';

describe('User records its own events', () => {
  test('register records UserRegistered with the role and how the user came', () => {
    const user = User.register({ id: 'u1', email: Email.parse('A@Example.test'), name: '  Ada  ', passwordHash: 'h', role: 'OWNER', now: new Date(), selfSignUp: true });
    expect(user.name).toBe('Ada');
    expect(user.pullDomainEvents()).toEqual([{ type: 'UserRegistered', targetId: 'u1', email: 'A@Example.test', role: 'OWNER', selfSignUp: true }]);
    expect(user.pullDomainEvents()).toEqual([]);
  });

  test('the entity checks a display name itself', () => {
    const user = UserMother.create();
    expect(() => user.rename('   ')).toThrow(DomainError);
    expect(() => user.rename('tab\there')).toThrow(DomainError);
    expect(() => User.register({ id: 'u', email: Email.parse('a@b.test'), name: 'x'.repeat(201), passwordHash: 'h', role: 'MEMBER', now: new Date(), selfSignUp: false })).toThrow(DomainError);
    expect(user.pullDomainEvents()).toEqual([]);
  });

  test('changes record one event each, unchanged values none, and two renames one UserUpdated', () => {
    const user = UserMother.create({ name: 'Old', role: 'MEMBER', status: 'ACTIVE' });
    user.rename('Old');
    user.changeRole('MEMBER');
    user.changeStatus('ACTIVE');
    expect(user.pullDomainEvents()).toEqual([]);

    user.rename('New');
    user.rename('Newer');
    user.changeRole('ADMIN');
    user.changeStatus('DISABLED');
    user.changePassword('h2');
    expect(user.pullDomainEvents()).toEqual([
      { type: 'UserUpdated', targetId: user.id, changedFields: ['name'] },
      { type: 'UserRoleChanged', targetId: user.id, oldRole: 'MEMBER', newRole: 'ADMIN' },
      { type: 'UserStatusChanged', targetId: user.id, oldStatus: 'ACTIVE', newStatus: 'DISABLED' },
      { type: 'PasswordChanged', targetId: user.id },
    ]);
  });

  test('remove marks the user and records UserDeleted once', () => {
    const user = UserMother.create();
    user.remove();
    user.remove();
    expect(user.isRemoved).toBe(true);
    expect(user.pullDomainEvents()).toEqual([{ type: 'UserDeleted', targetId: user.id }]);
  });

  test.each([
    ['an active OWNER demoted', () => UserMother.owner(), (u: User) => u.changeRole('ADMIN'), true],
    ['an active OWNER disabled', () => UserMother.owner(), (u: User) => u.changeStatus('DISABLED'), true],
    ['an active OWNER removed', () => UserMother.owner(), (u: User) => u.remove(), true],
    ['an active OWNER renamed', () => UserMother.owner(), (u: User) => u.rename('Someone'), false],
    ['a disabled OWNER removed', () => UserMother.owner({ status: 'DISABLED' }), (u: User) => u.remove(), false],
    ['an ADMIN removed', () => UserMother.create({ role: 'ADMIN' }), (u: User) => u.remove(), false],
    ['a MEMBER made OWNER', () => UserMother.create(), (u: User) => u.changeRole('OWNER'), false],
  ])('last-owner rule: %s gives up ownership: %s', (_name, make, change, expected) => {
    const user = make();
    change(user);
    expect(user.givesUpOwnership).toBe(expected);
  });
});
