import pg from 'pg';
import { systemClock } from '../application/shared/clock';
import { Logger } from '../application/shared/logger';
import { AppConfig } from '../config/config';
import { Argon2PasswordHasher } from '../infrastructure/crypto/argon2-password-hasher';
import { createLogger } from '../infrastructure/logging/pino-logger';
import { createMasterPrisma, MasterPrisma } from '../infrastructure/prisma/master-prisma';
import { PrismaMigrator } from '../infrastructure/prisma/migrator';
import { PrismaPlatformAdminRepository } from '../infrastructure/persistence/prisma-platform-admin-repository';
import { PrismaTenantRepository } from '../infrastructure/persistence/prisma-tenant-repository';
import { Outbox } from '../infrastructure/outbox/outbox';
import { AfterCommitEffects } from '../application/shared/after-commit-effects';
import { UnitOfWork } from '../application/shared/unit-of-work';
import { PrismaUnitOfWork } from '../infrastructure/persistence/prisma-unit-of-work';
import { TenantClientManager } from '../infrastructure/tenancy/tenant-client-manager';
import { DatabaseServers } from '../infrastructure/tenancy/database-servers';
import { PostgresTenantDatabaseProvisioner, templateDatabaseName } from '../infrastructure/tenancy/postgres-tenant-database-provisioner';

/** What the admin commands work with: the same adapters as the service, without the gRPC server. */
export interface CliContext {
  config: AppConfig;
  logger: Logger;
  databaseUrl: string;
  prisma: MasterPrisma;
  migrator: PrismaMigrator;
  servers: DatabaseServers;
  provisioner: PostgresTenantDatabaseProvisioner;
  tenants: PrismaTenantRepository;
  units: UnitOfWork;
  admins: PrismaPlatformAdminRepository;
  hasher: Argon2PasswordHasher;
  clock: typeof systemClock;
  close(): Promise<void>;
}

export function openCliContext(config: AppConfig): CliContext {
  if (!config.databaseUrl) throw new Error('DATABASE_URL must be set for the admin CLI (the embedded database runs only inside the service)');
  const databaseUrl = config.databaseUrl;
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const master = createMasterPrisma(databaseUrl, 4);
  const servers = new DatabaseServers(config.tenantDatabaseServers ?? [{ name: 'default', url: databaseUrl }]);
  const migrator = new PrismaMigrator();
  const hasher = new Argon2PasswordHasher(config.passwordHashing);
  const tenantClients = new TenantClientManager(servers, 4, 2);
  // The CLI holds no cache and runs no relay: events it causes wait in the outbox and the service's relay
  // publishes them on its next scan; the service's cached registry entries expire within CACHE_L1_TTL_SECONDS.
  const nothingCached = { invalidate: async () => undefined };
  const outbox = new Outbox();
  const units = new PrismaUnitOfWork(master.prisma, tenantClients, outbox, new AfterCommitEffects(nothingCached, nothingCached, outbox));
  return {
    config,
    logger,
    databaseUrl,
    prisma: master.prisma,
    migrator,
    servers,
    provisioner: new PostgresTenantDatabaseProvisioner(servers, migrator, templateDatabaseName(databaseUrl), config.tenants.databasePrefix),
    tenants: new PrismaTenantRepository(master.prisma),
    units,
    admins: new PrismaPlatformAdminRepository(master.prisma),
    hasher,
    clock: systemClock,
    close: async () => {
      await hasher.close();
      await tenantClients.closeAll();
      await master.prisma.$disconnect();
      await master.pool.end();
      await servers.close();
    },
  };
}

/** The newest migration recorded in a database's `_prisma_migrations`, or undefined (missing or empty). */
export async function appliedMigration(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      'SELECT max(migration_name) AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    return rows[0]?.name ?? undefined;
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return undefined; // no _prisma_migrations table
    throw error;
  } finally {
    await client.end();
  }
}
