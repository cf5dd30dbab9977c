import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { DomainError } from '../../domain/shared/domain-error';
import { Tenant } from '../../domain/tenant/tenant';
import { TenantListFilter, TenantRepository } from '../../domain/tenant/tenant-repository';
import { TenantSlug } from '../../domain/tenant/tenant-slug';
import type { Tenant as TenantRow } from '../../gen/prisma/master/client';
import { MasterPrisma } from '../prisma/master-prisma';
import { isUniqueViolation } from '../prisma/prisma-errors';
import { DomainEvent } from '../../domain/events/domain-event';
import { Outbox } from '../outbox/outbox';
import { scopeOf } from '../outbox/event-scope';

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
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

@injectable()
export class PrismaTenantRepository implements TenantRepository {
  constructor(
    @inject(TOKENS.MasterPrisma) private readonly prisma: MasterPrisma,
    @inject(TOKENS.Outbox) private readonly outbox: Outbox,
  ) {}

  async insert(tenant: Tenant): Promise<void> {
    try {
      await this.prisma.tenant.create({
        data: {
          id: tenant.id,
          slug: tenant.slug,
          displayName: tenant.displayName,
          status: tenant.status,
          databaseName: tenant.databaseName,
          databaseServer: tenant.databaseServer,
          schemaVersion: tenant.schemaVersion,
          selfSignUpEnabled: tenant.selfSignUpEnabled,
          createdAt: tenant.createdAt,
        },
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw DomainError.alreadyExists('TENANT_ALREADY_EXISTS', `tenant '${tenant.slug}' already exists`);
      }
      throw error;
    }
  }

  async update(tenant: Tenant, events: DomainEvent[] = []): Promise<Tenant | undefined> {
    const rows = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.tenant.updateManyAndReturn({
        where: { id: tenant.id },
        data: {
          displayName: tenant.displayName,
          status: tenant.status,
          schemaVersion: tenant.schemaVersion,
          selfSignUpEnabled: tenant.selfSignUpEnabled,
        },
      });
      if (updated.length > 0) await this.outbox.append(tx, scopeOf(tenant), events);
      return updated;
    });
    if (rows.length > 0 && events.length > 0) this.outbox.committed(undefined);
    return rows[0] ? tenantFromRow(rows[0]) : undefined;
  }

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

  async markDeleting(slug: string): Promise<Tenant | undefined> {
    const rows = await this.prisma.tenant.updateManyAndReturn({ where: { slug }, data: { status: 'DELETING' } });
    return rows[0] ? tenantFromRow(rows[0]) : undefined;
  }

  async delete(tenant: Tenant, events: DomainEvent[] = []): Promise<void> {
    const deleted = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.tenant.deleteMany({ where: { id: tenant.id } });
      if (count > 0) await this.outbox.append(tx, scopeOf(tenant), events);
      return count;
    });
    if (deleted > 0 && events.length > 0) this.outbox.committed(undefined);
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
