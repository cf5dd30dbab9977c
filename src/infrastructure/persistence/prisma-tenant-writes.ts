import { DomainError } from '../../domain/shared/domain-error';
import { Tenant } from '../../domain/tenant/tenant';
import { TenantWrites } from '../../domain/tenant/tenant-repository';
import { MasterPrisma } from '../prisma/master-prisma';
import { isUniqueViolation } from '../prisma/prisma-errors';
import { tenantFromRow } from './prisma-tenant-repository';
import { UnitEvents } from './unit-events';

export type MasterTx = Parameters<Parameters<MasterPrisma['$transaction']>[0]>[0];

/** The tenant registry inside a unit of work's transaction on the master database. */
export class PrismaTenantWrites implements TenantWrites {
  constructor(
    private readonly tx: MasterTx,
    private readonly events: UnitEvents,
  ) {}

  async findBySlug(slug: string): Promise<Tenant | undefined> {
    // Locks the row until the unit ends: an update and a delete of one tenant take turns.
    const locked = await this.tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM tenants WHERE slug = ${slug} FOR UPDATE`;
    if (locked.length === 0) return undefined;
    const row = await this.tx.tenant.findUnique({ where: { slug } });
    return row ? tenantFromRow(row) : undefined;
  }

  async add(tenant: Tenant): Promise<void> {
    try {
      await this.tx.tenant.create({
        data: {
          id: tenant.id,
          slug: tenant.slug,
          displayName: tenant.displayName,
          status: tenant.status,
          databaseName: tenant.databaseName,
          databaseServer: tenant.databaseServer,
          schemaVersion: tenant.schemaVersion,
          selfSignUpEnabled: tenant.selfSignUpEnabled,
          requireVerifiedEmail: tenant.requireVerifiedEmail,
          secondFactorRequiredRoles: [...tenant.secondFactorRequiredRoles],
          createdAt: tenant.createdAt,
        },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw DomainError.alreadyExists('TENANT_ALREADY_EXISTS', `tenant '${tenant.slug}' already exists`);
      throw error;
    }
    this.track(tenant);
  }

  async save(tenant: Tenant): Promise<Tenant | undefined> {
    let stored: Tenant | undefined;
    if (tenant.isRemoved) {
      stored = (await this.tx.tenant.deleteMany({ where: { id: tenant.id } })).count > 0 ? tenant : undefined;
    } else {
      const [row] = await this.tx.tenant.updateManyAndReturn({
        where: { id: tenant.id },
        data: { displayName: tenant.displayName, status: tenant.status, schemaVersion: tenant.schemaVersion, selfSignUpEnabled: tenant.selfSignUpEnabled, requireVerifiedEmail: tenant.requireVerifiedEmail, secondFactorRequiredRoles: [...tenant.secondFactorRequiredRoles] },
      });
      stored = row ? tenantFromRow(row) : undefined;
    }
    if (stored) this.track(tenant);
    return stored;
  }

  private track(tenant: Tenant): void {
    this.events.track(tenant, { tenantId: tenant.id, tenantSlug: tenant.slug });
  }
}
