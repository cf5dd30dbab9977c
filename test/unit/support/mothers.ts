import { Principal, Role } from '../../../src/domain/auth/principal';
import { uuidV7 } from '../../../src/domain/shared/uuid-v7';
import { Tenant, TenantProps, TenantStatus } from '../../../src/domain/tenant/tenant';
import { TenantSlug } from '../../../src/domain/tenant/tenant-slug';
import { UserView } from '../../../src/application/user/user-view';
import { Email } from '../../../src/domain/shared/email';
import { TenantRole, User, UserProps, UserStatus } from '../../../src/domain/user/user';
import { RequestOrigin } from '../../../src/domain/shared/request-origin';

/** Object mothers (CodelyTV's `CourseMother`): valid objects by default, with only what a test cares about named. */

export const SCHEMA_VERSION = '20990101000000_latest';

let counter = 0;
const next = () => (counter += 1);

export const TenantMother = {
  /** An ACTIVE tenant whose schema is current (`SCHEMA_VERSION`). */
  active(overrides: { slug?: string; status?: TenantStatus; schemaVersion?: string | null; selfSignUpEnabled?: boolean } = {}): Tenant {
    const slug = TenantSlug.parse(overrides.slug ?? `tenant-${next()}`);
    const now = new Date('2026-01-01T00:00:00Z');
    return new Tenant({
      id: uuidV7(),
      slug,
      displayName: `Tenant ${slug.value}`,
      status: overrides.status ?? 'ACTIVE',
      databaseName: slug.databaseName(),
      databaseServer: 'default',
      schemaVersion: overrides.schemaVersion === undefined ? SCHEMA_VERSION : overrides.schemaVersion,
      selfSignUpEnabled: overrides.selfSignUpEnabled ?? true,
      createdAt: now,
      updatedAt: now,
    });
  },
  withStatus(status: TenantStatus): Tenant {
    return TenantMother.active({ status });
  },
  /** A stored tenant (no pending events) with any of its properties named. */
  create(overrides: Partial<Omit<TenantProps, 'slug'>> & { slug?: string } = {}): Tenant {
    const slug = TenantSlug.parse(overrides.slug ?? `tenant-${next()}`);
    const now = new Date('2026-01-01T00:00:00Z');
    return new Tenant({
      id: uuidV7(),
      displayName: `Tenant ${slug.value}`,
      status: 'ACTIVE',
      databaseName: slug.databaseName(),
      databaseServer: 'default',
      schemaVersion: SCHEMA_VERSION,
      selfSignUpEnabled: true,
      createdAt: now,
      updatedAt: now,
      ...overrides,
      slug,
    });
  },
  /** A registered tenant whose database is not made yet. */
  provisioning(overrides: Partial<Omit<TenantProps, 'slug'>> & { slug?: string } = {}): Tenant {
    return TenantMother.create({ status: 'PROVISIONING', schemaVersion: null, ...overrides });
  },
};

/** Users as stored in a tenant's database (no pending events). */
export const UserMother = {
  create(overrides: Partial<UserProps> = {}): User {
    const n = next();
    return new User({
      id: uuidV7(),
      email: Email.parse(`user${n}@example.test`),
      name: `User ${n}`,
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

export const PrincipalMother = {
  /** The caller as `user`'s access token proves it. */
  of(user: { id: string; role: TenantRole }, tenant: Tenant, sessionId: string = uuidV7()): Principal {
    return { subject: user.id, role: user.role, tenantId: tenant.id, sessionId };
  },
  /** A user of `tenant` with `role`. */
  tenantUser(tenant: Tenant, role: Exclude<Role, 'SUPER_ADMIN'> = 'MEMBER'): Principal {
    return { subject: uuidV7(), role, tenantId: tenant.id, sessionId: uuidV7() };
  },
  superAdmin(): Principal {
    return { subject: uuidV7(), role: 'SUPER_ADMIN' };
  },
};

export const UserViewMother = {
  /** The account behind `principal`, as the user reader returns it. */
  of(principal: Principal, overrides: { role?: TenantRole; status?: UserStatus } = {}): UserView {
    const n = next();
    return {
      id: principal.subject,
      email: `user${n}@example.test`,
      name: `User ${n}`,
      role: overrides.role ?? (principal.role as TenantRole),
      status: overrides.status ?? 'ACTIVE',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      updatedAt: new Date('2026-01-01T00:00:00Z'),
      emailVerifiedAt: null,
    };
  },
};

export const OriginMother = {
  /** A call's origin as the gRPC layer hands it on: a caller, its request id and address, a live call. */
  caller(overrides: Partial<RequestOrigin> = {}): RequestOrigin {
    return { actorId: uuidV7(), actorRole: 'OWNER', requestId: `req-${uuidV7()}`, callerAddress: 'ipv4:127.0.0.1:50000', signal: { aborted: false }, ...overrides };
  },
};
