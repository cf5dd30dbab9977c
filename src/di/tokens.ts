/** Every injection token of the service, in one place. Classes without a port are bound to themselves. */
export const TOKENS = {
  Config: Symbol.for('Config'),
  Logger: Symbol.for('Logger'),
  Clock: Symbol.for('Clock'),
  CommandBus: Symbol.for('CommandBus'),
  QueryBus: Symbol.for('QueryBus'),
  MasterPrisma: Symbol.for('MasterPrisma'),
  TenantRepository: Symbol.for('TenantRepository'),
  TenantDatabaseProvisioner: Symbol.for('TenantDatabaseProvisioner'),
  TenantDirectory: Symbol.for('TenantDirectory'),
  TenantConnections: Symbol.for('TenantConnections'),
  PlatformAdminRepository: Symbol.for('PlatformAdminRepository'),
  PasswordHasher: Symbol.for('PasswordHasher'),
  AccessTokenIssuer: Symbol.for('AccessTokenIssuer'),
  AccessTokenVerifier: Symbol.for('AccessTokenVerifier'),
} as const;
