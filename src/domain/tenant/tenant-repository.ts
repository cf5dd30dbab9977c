import { Tenant, TenantStatus } from './tenant';

export interface TenantListFilter {
  status?: TenantStatus;
  /** Return tenants with an id greater than this (ids are UUIDv7, so this is creation order). */
  afterId?: string;
  limit: number;
}

/** Port: reads of the tenant registry in the master database, outside any unit of work. */
export interface TenantRepository {
  findBySlug(slug: string): Promise<Tenant | undefined>;
  list(filter: TenantListFilter): Promise<Tenant[]>;
  /**
   * Claims tenants stuck in PROVISIONING or DELETING whose last change is older than `staleAfterMs` (a
   * provisioning process that died), by bumping their `updatedAt` so that no other replica claims them too.
   */
  claimStale(staleAfterMs: number, now: Date): Promise<Tenant[]>;
  /** Count of tenants placed on each database server. */
  countByServer(): Promise<Map<string, number>>;
}

/** Port: the tenant registry inside a unit of work (one transaction on the master database). */
export interface TenantWrites {
  /** The tenant, its row locked until the unit ends (so concurrent writes to one tenant take turns). */
  findBySlug(slug: string): Promise<Tenant | undefined>;
  /** Inserts a new tenant; ALREADY_EXISTS (TENANT_ALREADY_EXISTS) if the slug is taken. */
  add(tenant: Tenant): Promise<void>;
  /**
   * Writes the tenant's mutable fields and returns the stored tenant (or deletes its row if removed, and
   * returns it as it was); undefined if it no longer exists.
   */
  save(tenant: Tenant): Promise<Tenant | undefined>;
}
