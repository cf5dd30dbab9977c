import { randomUUID } from 'node:crypto';
import { Tenant, TenantProps } from '../../../src/domain/tenant/tenant';
import { TenantSlug } from '../../../src/domain/tenant/tenant-slug';

let counter = 0;

/** Object mother: tenants as stored in the registry (no pending events). */
export const TenantMother = {
  create(overrides: Partial<Omit<TenantProps, 'slug'>> & { slug?: string } = {}): Tenant {
    counter += 1;
    const slug = TenantSlug.parse(overrides.slug ?? `tenant-${counter}`);
    return new Tenant({
      id: randomUUID(),
      displayName: `Tenant ${counter}`,
      status: 'ACTIVE',
      databaseName: slug.databaseName(),
      databaseServer: 'default',
      schemaVersion: '20260101000000_init',
      selfSignUpEnabled: true,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      updatedAt: new Date('2026-01-01T00:00:00Z'),
      ...overrides,
      slug,
    });
  },
  provisioning(overrides: Partial<Omit<TenantProps, 'slug'>> & { slug?: string } = {}): Tenant {
    return TenantMother.create({ status: 'PROVISIONING', schemaVersion: null, ...overrides });
  },
};
