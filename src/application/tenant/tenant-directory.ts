import { Tenant } from '../../domain/tenant/tenant';

/** Port: the read-through cache of the tenant registry that every tenant-scoped call consults. */
export interface TenantDirectory {
  /** The tenant with this slug, or undefined. Served from cache when fresh. */
  findBySlug(slug: string): Promise<Tenant | undefined>;
  /** The same answer when held in memory (`null`: known not to exist), without waiting; else `undefined`. */
  findInMemory(slug: string): Tenant | null | undefined;
  /** Forgets the cached entry after a write, on this replica (and, with a shared cache, on every replica). */
  invalidate(slug: string): Promise<void>;
}
