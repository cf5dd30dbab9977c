import { randomUUID } from 'node:crypto';
import { Principal } from '../../../src/domain/auth/principal';
import { Email } from '../../../src/domain/shared/email';
import { TenantRole, User, UserProps } from '../../../src/domain/user/user';

let counter = 0;

/** Object mother (CodelyTV's CourseMother): users as a test needs them, stored (no pending events). */
export const UserMother = {
  create(overrides: Partial<UserProps> = {}): User {
    counter += 1;
    return new User({
      id: randomUUID(),
      email: Email.parse(`user${counter}@example.test`),
      name: `User ${counter}`,
      passwordHash: 'hash-of-a-password',
      role: 'MEMBER',
      status: 'ACTIVE',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      updatedAt: new Date('2026-01-01T00:00:00Z'),
      ...overrides,
    });
  },
  owner(overrides: Partial<UserProps> = {}): User {
    return UserMother.create({ role: 'OWNER', ...overrides });
  },
  disabled(overrides: Partial<UserProps> = {}): User {
    return UserMother.create({ status: 'DISABLED', ...overrides });
  },
};

/** The caller as the access token proves it. */
export function principalOf(user: { id: string; role: TenantRole }, tenantId: string, sessionId = randomUUID()): Principal {
  return { subject: user.id, role: user.role, tenantId, sessionId };
}
