/** Port: creates, migrates and drops tenant databases on the configured PostgreSQL servers. */
export interface TenantDatabaseProvisioner {
  /** Names of the servers a tenant database may be placed on. */
  serverNames(): string[];
  /**
   * Makes sure the database exists on `server` and is migrated to the latest tenant schema; idempotent, so
   * a half-finished earlier attempt is completed. Returns the schema version (last migration name).
   */
  ensureDatabase(server: string, databaseName: string): Promise<string>;
  /** Drops the database if it exists, disconnecting any session still using it. Idempotent. */
  dropDatabase(server: string, databaseName: string): Promise<void>;
}
