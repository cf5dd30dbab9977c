import { DomainError } from '../../domain/shared/domain-error';
import { Tenant } from '../../domain/tenant/tenant';
import { TenantDatabaseProvisioner } from '../../domain/tenant/tenant-database-provisioner';
import { TenantRepository } from '../../domain/tenant/tenant-repository';
import { Logger } from '../shared/logger';
import { UnitOfWork } from '../shared/unit-of-work';
import { NO_ORIGIN } from '../../domain/shared/request-origin';

export type TenantMigrationMode = 'lazy' | 'refuse';

/**
 * Makes sure a call never runs against a tenant database older than the code's migrations. Migration
 * names start with a UTC timestamp, so comparing names orders them. A current tenant passes without
 * I/O. A tenant behind is migrated on first use (`lazy`, one migration per tenant at a time) or
 * refused with FAILED_PRECONDITION until an operator runs `npm run cli -- migrate-tenants` (`refuse`).
 */
export class TenantSchemaGate {
  private readonly migrating = new Map<string, Promise<void>>();

  constructor(
    private readonly latest: string,
    private readonly mode: TenantMigrationMode,
    private readonly databases: TenantDatabaseProvisioner,
    private readonly tenants: TenantRepository,
    private readonly units: UnitOfWork,
    private readonly logger: Logger,
  ) {}

  isCurrent(tenant: Tenant): boolean {
    return tenant.schemaVersion !== null && tenant.schemaVersion >= this.latest;
  }

  /** Returns synchronously (undefined) for a current tenant; else a promise of the migration, or throws. */
  ensureCurrent(tenant: Tenant): Promise<void> | undefined {
    if (this.isCurrent(tenant)) return undefined;
    if (this.mode === 'refuse') {
      throw DomainError.failedPrecondition(
        'TENANT_SCHEMA_BEHIND',
        `tenant '${tenant.slug}' has database schema ${tenant.schemaVersion ?? 'none'} but this service needs ${this.latest}; an operator must run the tenant migrations`,
      );
    }
    let running = this.migrating.get(tenant.id);
    if (!running) {
      running = this.migrate(tenant).finally(() => this.migrating.delete(tenant.id));
      this.migrating.set(tenant.id, running);
    }
    return running;
  }

  private async migrate(tenant: Tenant): Promise<void> {
    const current = await this.tenants.findBySlug(tenant.slug);
    if (!current) return;
    const version = await this.databases.ensureDatabase(current.databaseServer, current.databaseName, current.id);
    await this.units.run('platform', NO_ORIGIN, async ({ tenants }) => {
      const locked = await tenants.findBySlug(tenant.slug);
      if (!locked || locked.id !== current.id) return;
      locked.recordSchemaVersion(version);
      await tenants.save(locked);
    });
    this.logger.info({ tenant: tenant.slug, from: tenant.schemaVersion, to: version }, 'migrated tenant database on first use');
  }
}
