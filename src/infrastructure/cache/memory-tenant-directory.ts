import NodeCache from 'node-cache';
import { TenantDirectory } from '../../application/tenant/tenant-directory';
import { Tenant } from '../../domain/tenant/tenant';
import { TenantRepository } from '../../domain/tenant/tenant-repository';

/**
 * Tenant registry lookups for the tenant interceptor, cached in process (node-cache without cloning:
 * handlers that change a tenant load their own copy from the repository, never the cached one).
 * Writes on this replica invalidate at once; other replicas see a change within the TTL.
 * Concurrent misses for one slug share one database read.
 */
export class MemoryTenantDirectory implements TenantDirectory {
  private readonly cache: NodeCache;
  private readonly pending = new Map<string, Promise<Tenant | undefined>>();

  constructor(
    private readonly tenants: TenantRepository,
    ttlSeconds: number,
  ) {
    this.cache = new NodeCache({ stdTTL: ttlSeconds, checkperiod: Math.max(1, ttlSeconds), useClones: false });
  }

  async findBySlug(slug: string): Promise<Tenant | undefined> {
    const hit = this.cache.get<Tenant | null>(slug);
    if (hit !== undefined) return hit ?? undefined;
    const pending = this.pending.get(slug);
    if (pending) return pending;
    const read: Promise<Tenant | undefined> = this.tenants.findBySlug(slug).then(
      (tenant) => {
        // Cache only if no write invalidated the slug meanwhile. Unknown slugs are cached too (as null),
        // so a flood of bad ids does not reach the database.
        if (this.pending.get(slug) === read) this.cache.set(slug, tenant ?? null);
        return tenant;
      },
    ).finally(() => {
      if (this.pending.get(slug) === read) this.pending.delete(slug);
    });
    this.pending.set(slug, read);
    return read;
  }

  async invalidate(slug: string): Promise<void> {
    this.pending.delete(slug);
    this.cache.del(slug);
  }

  close(): void {
    this.cache.close();
  }
}
