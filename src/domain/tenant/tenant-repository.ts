import { DomainEvent } from '../events/domain-event';
import { Tenant, TenantStatus } from './tenant';

export interface TenantListFilter {
  status?: TenantStatus;
  /** Return tenants with an id greater than this (ids are UUIDv7, so this is creation order). */
  afterId?: string;
  limit: number;
}

/** Port: the tenant registry in the master database. */
export interface TenantRepository {
  /** Inserts a new tenant; throws ALREADY_EXISTS if the slug is taken. */
  insert(tenant: Tenant): Promise<void>;
  /**
   * Writes the tenant's mutable fields, and `events` in the same transaction; returns the stored tenant,
   * or undefined if it no longer exists.
   */
  update(tenant: Tenant, events?: DomainEvent[]): Promise<Tenant | undefined>;
  findBySlug(slug: string): Promise<Tenant | undefined>;
  list(filter: TenantListFilter): Promise<Tenant[]>;
  /**
   * Atomically moves a tenant to DELETING (from any other status) and returns it, or undefined if absent.
   * From then on the tenant serves nothing.
   */
  markDeleting(slug: string): Promise<Tenant | undefined>;
  /** Deletes the registry row, and writes `events` in the same transaction. */
  delete(tenant: Tenant, events?: DomainEvent[]): Promise<void>;
  /**
   * Claims tenants stuck in PROVISIONING or DELETING whose last change is older than `staleAfterMs` (a
   * provisioning process that died), by bumping their `updatedAt` so that no other replica claims them too.
   */
  claimStale(staleAfterMs: number, now: Date): Promise<Tenant[]>;
  /** Count of tenants placed on each database server. */
  countByServer(): Promise<Map<string, number>>;
}
