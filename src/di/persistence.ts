import type pg from 'pg';
import { AppConfig } from '../config/config';
import { QueryObserver } from '../infrastructure/metrics/instrument-pool';
import { createMasterPrisma, MasterPrisma } from '../infrastructure/prisma/master-prisma';
import { PrismaMigrator } from '../infrastructure/prisma/migrator';
import { DatabaseServers } from '../infrastructure/tenancy/database-servers';
import { PostgresTenantDatabaseProvisioner, templateDatabaseName } from '../infrastructure/tenancy/postgres-tenant-database-provisioner';
import { TenantClientManager } from '../infrastructure/tenancy/tenant-client-manager';

/** The database side of the object graph, the same for the service and the admin CLI. */
export interface Persistence {
  master: { prisma: MasterPrisma; pool: pg.Pool };
  servers: DatabaseServers;
  provisioner: PostgresTenantDatabaseProvisioner;
  tenantClients: TenantClientManager;
  /** Closes the tenant clients, then the master pool, then the servers' admin pools. */
  close(): Promise<void>;
}

export interface PoolSizes {
  master: number;
  tenantClients: number;
  tenantPool: number;
}

/** Opens (lazily: no connection until first use) the master client, the tenant servers and clients. */
export function openPersistence(config: AppConfig, databaseUrl: string, migrator: PrismaMigrator, sizes: PoolSizes, observeQuery?: QueryObserver): Persistence {
  const master = createMasterPrisma(databaseUrl, sizes.master, observeQuery);
  const servers = new DatabaseServers(config.tenantDatabaseServers ?? [{ name: 'default', url: databaseUrl }]);
  const provisioner = new PostgresTenantDatabaseProvisioner(servers, migrator, templateDatabaseName(databaseUrl), config.tenants.databasePrefix);
  const tenantClients = new TenantClientManager(servers, sizes.tenantClients, sizes.tenantPool, observeQuery);
  return {
    master,
    servers,
    provisioner,
    tenantClients,
    close: async () => {
      await tenantClients.closeAll();
      await master.prisma.$disconnect();
      await master.pool.end();
      await servers.close();
    },
  };
}
