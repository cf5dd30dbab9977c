/** Port: the cached database connections of tenants. */
export interface TenantConnections {
  /** Closes and forgets the tenant's cached connections (before its database is dropped). */
  close(tenantId: string): Promise<void>;
}
