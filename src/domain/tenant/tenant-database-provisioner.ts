/** Port: creates, migrates and drops tenant databases on the configured PostgreSQL servers. */
export interface TenantDatabaseProvisioner {
  /** Names of the servers a tenant database may be placed on. */
  serverNames(): string[];
  /** This deployment's prefix of tenant database names (TENANT_DATABASE_PREFIX), so deployments sharing a server never collide. */
  databasePrefix(): string;
  /**
   * Makes sure the tenant's database exists on `server` and is migrated to the latest tenant schema;
   * idempotent, so a half-finished earlier attempt is completed. A database of that name that does not
   * belong to this tenant is never adopted: ALREADY_EXISTS. Returns the schema version (last migration).
   */
  ensureDatabase(server: string, databaseName: string, tenantId: string): Promise<string>;
  /** Drops the database if it exists and belongs to this tenant, ending sessions still using it. Idempotent. */
  dropDatabase(server: string, databaseName: string, tenantId: string): Promise<void>;
}
