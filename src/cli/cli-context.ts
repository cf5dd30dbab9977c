import pg from 'pg';
import { loadSecretBox } from '../infrastructure/crypto/secret-box';
import { Container } from 'inversify';
import { systemClock } from '../application/shared/clock';
import { Logger } from '../application/shared/logger';
import { Telemetry } from '../application/shared/telemetry';
import { UnitOfWork } from '../application/shared/unit-of-work';
import { AppConfig } from '../config/config';
import { buildContainer } from '../di/container';
import { openPersistence, Persistence } from '../di/persistence';
import { TOKENS } from '../di/tokens';
import { TenantRepository } from '../domain/tenant/tenant-repository';
import { createTieredCache } from '../infrastructure/cache/create-tiered-cache';
import { Argon2PasswordHasher } from '../infrastructure/crypto/argon2-password-hasher';
import { createLogger } from '../infrastructure/logging/pino-logger';
import { Outbox } from '../infrastructure/outbox/outbox';
import { PrismaMigrator } from '../infrastructure/prisma/migrator';
import { DatabaseServers } from '../infrastructure/tenancy/database-servers';
import { PostgresTenantDatabaseProvisioner } from '../infrastructure/tenancy/postgres-tenant-database-provisioner';
import { MemoryPasswordAttemptBudget } from '../infrastructure/throttle/memory-password-attempt-budget';

/**
 * What the admin commands work with: the service's own composition (`openPersistence`, `buildContainer`)
 * without the gRPC server, metrics or Redis. Writes go through the same unit of work as the service's; the
 * events they cause wait in the outbox until the service's relay scans it, and the service's caches pick up
 * what the CLI changed within CACHE_L1_TTL_SECONDS.
 */
export interface CliContext {
  config: AppConfig;
  logger: Logger;
  databaseUrl: string;
  container: Container;
  migrator: PrismaMigrator;
  servers: DatabaseServers;
  provisioner: PostgresTenantDatabaseProvisioner;
  tenants: TenantRepository;
  units: UnitOfWork;
  close(): Promise<void>;
}

/** The CLI counts nothing: it has no metrics endpoint. */
const uncounted: Telemetry = { loginAttempt: () => undefined, secondFactorAttempt: () => undefined, tokenRefresh: () => undefined, tenantProvisioned: () => undefined };

export async function openCliContext(config: AppConfig): Promise<CliContext> {
  if (!config.databaseUrl) throw new Error('DATABASE_URL must be set for the admin CLI (the embedded database runs only inside the service)');
  const databaseUrl = config.databaseUrl;
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const migrator = new PrismaMigrator();
  const persistence: Persistence = openPersistence(config, databaseUrl, migrator, { master: 4, tenantClients: 4, tenantPool: 2 });
  const hasher = new Argon2PasswordHasher(config.passwordHashing);
  // In memory only: a command runs for seconds, and what it changes reaches the service's caches by TTL.
  const cache = createTieredCache({
    redisUrl: undefined,
    l1TtlSeconds: config.cache.l1TtlSeconds,
    l2TtlSeconds: config.cache.l2TtlSeconds,
    negativeTtlSeconds: config.cache.negativeTtlSeconds,
    instanceId: 'cli',
    logger,
  });
  const container = await buildContainer({
    config,
    logger,
    clock: systemClock,
    masterPrisma: persistence.master.prisma,
    provisioner: persistence.provisioner,
    tenantClients: persistence.tenantClients,
    passwordHasher: hasher,
    passwordAttempts: new MemoryPasswordAttemptBudget(config.loginThrottle),
    cache,
    telemetry: uncounted,
    outbox: new Outbox(),
    latestTenantSchema: migrator.latestMigration('tenant'),
    // The CLI changes no second factor; the service's key (or its development key under DATA_DIR) all the same.
    secretBox: loadSecretBox(config.secondFactor.key, config.secondFactor.previousKeys, config.dataDir).box,
  });
  return {
    config,
    logger,
    databaseUrl,
    container,
    migrator,
    servers: persistence.servers,
    provisioner: persistence.provisioner,
    tenants: container.get<TenantRepository>(TOKENS.TenantRepository),
    units: container.get<UnitOfWork>(TOKENS.UnitOfWork),
    close: async () => {
      await hasher.close();
      await cache.close();
      await persistence.close();
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
