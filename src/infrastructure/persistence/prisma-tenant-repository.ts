import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { Tenant } from '../../domain/tenant/tenant';
import { TenantListFilter, TenantRepository } from '../../domain/tenant/tenant-repository';
import { TenantSlug } from '../../domain/tenant/tenant-slug';
import { TenantRole } from '../../domain/user/user-attributes';
import type { Tenant as TenantRow } from '../../gen/prisma/master/client';
import { MasterPrisma } from '../prisma/master-prisma';

/** Rebuilds the entity from a row. Stored slugs were validated on the way in; they are trusted here. */
export function tenantFromRow(row: TenantRow): Tenant {
  return new Tenant({
    id: row.id,
    slug: TenantSlug.parse(row.slug),
    displayName: row.displayName,
    status: row.status,
    databaseName: row.databaseName,
    databaseServer: row.databaseServer,
    schemaVersion: row.schemaVersion,
    selfSignUpEnabled: row.selfSignUpEnabled,
    requireVerifiedEmail: row.requireVerifiedEmail,
    secondFactorRequiredRoles: row.secondFactorRequiredRoles as TenantRole[],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

/** Reads of the tenant registry outside a unit of work (writes: PrismaTenantWrites). */
@injectable()
export class PrismaTenantRepository implements TenantRepository {
  constructor(@inject(TOKENS.MasterPrisma) private readonly prisma: MasterPrisma) {}

  async findBySlug(slug: string): Promise<Tenant | undefined> {
    const row = await this.prisma.tenant.findUnique({ where: { slug } });
    return row ? tenantFromRow(row) : undefined;
  }

  async list(filter: TenantListFilter): Promise<Tenant[]> {
    const rows = await this.prisma.tenant.findMany({
      where: { status: filter.status, id: filter.afterId ? { gt: filter.afterId } : undefined },
      orderBy: { id: 'asc' },
      take: filter.limit,
    });
    return rows.map(tenantFromRow);
  }

  async claimStale(staleAfterMs: number, now: Date): Promise<Tenant[]> {
    // One conditional UPDATE ... RETURNING: only one replica can move updatedAt past the threshold.
    const rows = await this.prisma.tenant.updateManyAndReturn({
      where: {
        status: { in: ['PROVISIONING', 'DELETING'] },
        updatedAt: { lt: new Date(now.getTime() - staleAfterMs) },
      },
      data: { updatedAt: now },
    });
    return rows.map(tenantFromRow);
  }

  async countByServer(): Promise<Map<string, number>> {
    const groups = await this.prisma.tenant.groupBy({ by: ['databaseServer'], _count: { _all: true } });
    return new Map(groups.map((g) => [g.databaseServer, g._count._all]));
  }
}
