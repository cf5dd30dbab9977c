import { cacheKey, CacheKey, ReadCache } from '../../application/shared/cache';
import { TenantDirectory } from '../../application/tenant/tenant-directory';
import { Tenant, TenantStatus } from '../../domain/tenant/tenant';
import { TenantRepository } from '../../domain/tenant/tenant-repository';
import { TenantSlug } from '../../domain/tenant/tenant-slug';
import { TenantRole } from '../../domain/user/user-attributes';
import { KeyMemo } from './key-memo';

/** The cached form of a registry entry: JSON data, timestamps as ISO strings. */
type TenantSnapshot = {
  id: string;
  slug: string;
  displayName: string;
  status: TenantStatus;
  databaseName: string;
  databaseServer: string;
  schemaVersion: string | null;
  selfSignUpEnabled: boolean;
  /** Absent in entries cached before the setting existed: read as false until they expire. */
  requireVerifiedEmail?: boolean;
  /** Absent in entries cached before the setting existed: read as none until they expire. */
  secondFactorRequiredRoles?: TenantRole[];
  createdAt: string;
  updatedAt: string;
};

/**
 * Tenant registry lookups by slug (every tenant-scoped call makes one) through the tiered cache. The
 * cache hands out one frozen snapshot per entry; the entity built from it is remembered per snapshot, so
 * a hit allocates nothing. Unknown slugs are cached briefly as "not found".
 */
export class CachedTenantDirectory implements TenantDirectory {
  private readonly entities = new WeakMap<object, Tenant>();
  /** Every tenant-scoped call looks its slug up: the key is made once per slug (key-memo.ts). */
  private readonly keys = new KeyMemo((_registry, slug) => key(slug));

  constructor(
    private readonly cache: ReadCache,
    private readonly tenants: TenantRepository,
  ) {}

  async findBySlug(slug: string): Promise<Tenant | undefined> {
    const snapshot = await this.cache.getOrLoad<TenantSnapshot>(this.keys.key('registry', slug), async () => {
      const tenant = await this.tenants.findBySlug(slug);
      return tenant ? toSnapshot(tenant) : null;
    });
    return snapshot ? this.entityOf(snapshot) : undefined;
  }

  findInMemory(slug: string): Tenant | null | undefined {
    const snapshot = this.cache.peek<TenantSnapshot>(this.keys.key('registry', slug));
    return snapshot ? this.entityOf(snapshot) : snapshot;
  }

  private entityOf(snapshot: TenantSnapshot): Tenant {
    let tenant = this.entities.get(snapshot);
    if (!tenant) {
      tenant = fromSnapshot(snapshot);
      this.entities.set(snapshot, tenant);
    }
    return tenant;
  }

  invalidate(slug: string): Promise<void> {
    return this.cache.invalidate(key(slug));
  }
}

function key(slug: string): CacheKey {
  return cacheKey('registry', 'tenant', slug);
}

function toSnapshot(t: Tenant): TenantSnapshot {
  return {
    id: t.id,
    slug: t.slug,
    displayName: t.displayName,
    status: t.status,
    databaseName: t.databaseName,
    databaseServer: t.databaseServer,
    schemaVersion: t.schemaVersion,
    selfSignUpEnabled: t.selfSignUpEnabled,
    requireVerifiedEmail: t.requireVerifiedEmail,
    secondFactorRequiredRoles: [...t.secondFactorRequiredRoles],
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

function fromSnapshot(s: TenantSnapshot): Tenant {
  return new Tenant({ ...s, slug: TenantSlug.parse(s.slug), createdAt: new Date(s.createdAt), updatedAt: new Date(s.updatedAt) });
}
