import { TenantDirectory } from '../../../src/application/tenant/tenant-directory';
import { Tenant } from '../../../src/domain/tenant/tenant';

/** The tenant registry as a Map: what the cached directory answers, without a cache or a database. */
export class InMemoryTenantDirectory implements TenantDirectory {
  readonly lookups: string[] = [];
  private readonly bySlug = new Map<string, Tenant>();

  constructor(tenants: Tenant[] = []) {
    for (const tenant of tenants) this.bySlug.set(tenant.slug, tenant);
  }

  async findBySlug(slug: string): Promise<Tenant | undefined> {
    this.lookups.push(slug);
    return this.bySlug.get(slug);
  }

  /** Never "in memory": the checks under test take their waiting path. */
  findInMemory(): undefined {
    return undefined;
  }

  async invalidate(): Promise<void> {}
}
