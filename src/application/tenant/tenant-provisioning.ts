import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { DomainError } from '../../domain/shared/domain-error';
import { Tenant } from '../../domain/tenant/tenant';
import { TenantDatabaseProvisioner } from '../../domain/tenant/tenant-database-provisioner';
import { TenantRepository } from '../../domain/tenant/tenant-repository';
import { Logger } from '../shared/logger';
import { Telemetry } from '../shared/telemetry';
import { UnitOfWork } from '../shared/unit-of-work';
import { TenantConnections } from './tenant-connections';
import { RequestOrigin } from '../../domain/shared/request-origin';

/**
 * The life cycle of a tenant's database, written so that a process dying at any step leaves a state the
 * sweep (or a retry) completes: the registry row is written first (PROVISIONING, which serves nothing),
 * the database second, ACTIVE last. Deletion runs the other way: DELETING first, the row last.
 */
@injectable()
export class TenantProvisioning {
  constructor(
    @inject(TOKENS.TenantRepository) private readonly tenants: TenantRepository,
    @inject(TOKENS.TenantDatabaseProvisioner) private readonly databases: TenantDatabaseProvisioner,
    @inject(TOKENS.TenantConnections) private readonly connections: TenantConnections,
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Telemetry) private readonly telemetry: Telemetry,
  ) {}

  /** This deployment's prefix of tenant database names. */
  databasePrefix(): string {
    return this.databases.databasePrefix();
  }

  /** Picks the configured server holding the fewest tenants. */
  async chooseServer(): Promise<string> {
    const counts = await this.tenants.countByServer();
    const servers = this.databases.serverNames();
    return servers.reduce((best, name) => ((counts.get(name) ?? 0) < (counts.get(best) ?? 0) ? name : best), servers[0]);
  }

  /** Creates the database of a registered (PROVISIONING) tenant and activates it; undoes both on failure. */
  async provision(tenant: Tenant, origin: RequestOrigin): Promise<Tenant> {
    const started = performance.now();
    let outcome: 'success' | 'failure' = 'failure';
    try {
      const provisioned = await this.finish(tenant, origin);
      outcome = 'success';
      return provisioned;
    } catch (error) {
      this.logger.error({ err: error, tenant: tenant.slug }, 'tenant provisioning failed; rolling back');
      // DELETING first, so that if the rollback fails too, the sweep keeps retrying it.
      await this.beginDeletion(tenant.slug, origin);
      await this.destroy(tenant, origin).catch((cleanupError: unknown) =>
        this.logger.error({ err: cleanupError, tenant: tenant.slug }, 'rollback failed; the sweep will retry'),
      );
      if (error instanceof DomainError && error.kind === 'ALREADY_EXISTS') throw error;
      throw DomainError.unavailable('TENANT_PROVISIONING_FAILED', `the database of tenant '${tenant.slug}' could not be created; try again`);
    } finally {
      const seconds = (performance.now() - started) / 1000;
      this.telemetry.tenantProvisioned(outcome, seconds);
      this.logger.info({ tenant: tenant.slug, outcome, ms: Math.round(seconds * 1000) }, 'tenant provisioning ended');
    }
  }

  /** Moves the tenant to DELETING (from any status) and returns it; undefined if there is no such tenant. */
  beginDeletion(slug: string, origin: RequestOrigin): Promise<Tenant | undefined> {
    return this.units.run('platform', origin, async ({ tenants }) => {
      const tenant = await tenants.findBySlug(slug);
      if (!tenant) return undefined;
      tenant.beginDeletion();
      return tenants.save(tenant);
    });
  }

  /** Idempotent: makes sure the database exists and is migrated, then marks the tenant ACTIVE. */
  async finish(tenant: Tenant, origin: RequestOrigin): Promise<Tenant> {
    const version = await this.databases.ensureDatabase(tenant.databaseServer, tenant.databaseName, tenant.id);
    return this.units.run('platform', origin, async ({ tenants }) => {
      const current = await tenants.findBySlug(tenant.slug);
      if (!current || current.id !== tenant.id) throw new Error(`tenant ${tenant.slug} vanished during provisioning`);
      if (current.status === 'DELETING') throw new Error(`tenant ${tenant.slug} was deleted during provisioning`);
      current.markProvisioned(version);
      const stored = await tenants.save(current);
      if (!stored) throw new Error(`tenant ${tenant.slug} vanished during provisioning`);
      return stored;
    });
  }

  /** Idempotent: closes connections, drops the database, then removes the registry row. */
  async destroy(tenant: Tenant, origin: RequestOrigin): Promise<void> {
    await this.connections.close(tenant.id);
    await this.databases.dropDatabase(tenant.databaseServer, tenant.databaseName, tenant.id);
    await this.units.run('platform', origin, async ({ tenants }) => {
      const current = await tenants.findBySlug(tenant.slug);
      // The slug may already name a newer tenant: only this tenant's row goes.
      if (!current || current.id !== tenant.id) return;
      current.remove();
      await tenants.save(current);
    });
  }
}
