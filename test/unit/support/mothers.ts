import { Principal, Role } from '../../../src/domain/auth/principal';
import { uuidV7 } from '../../../src/domain/shared/uuid-v7';
import { Tenant, TenantStatus } from '../../../src/domain/tenant/tenant';
import { TenantSlug } from '../../../src/domain/tenant/tenant-slug';
import { UserView } from '../../../src/application/user/user-view';
import { TenantRole, UserStatus } from '../../../src/domain/user/user';

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
};

export const PrincipalMother = {
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
    };
  },
};
