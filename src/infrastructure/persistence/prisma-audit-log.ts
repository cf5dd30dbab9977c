import { AuditEntry, AuditFilter, AuditLog } from '../../application/audit/audit-log';
import { Tenant } from '../../domain/tenant/tenant';
import { MasterPrisma } from '../prisma/master-prisma';
import { TenantClientManager } from '../tenancy/tenant-client-manager';

/** The audit trail read from the outbox tables: a tenant's database, or the master for the platform. */
export class PrismaAuditLog implements AuditLog {
  constructor(
    private readonly master: MasterPrisma,
    private readonly tenantClients: TenantClientManager,
  ) {}

  list(scope: Tenant | 'platform', filter: AuditFilter): Promise<AuditEntry[]> {
    const args = {
      where: {
        actorId: filter.actorId,
        type: filter.action,
        occurredAt: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
        id: filter.beforeId ? { lt: filter.beforeId } : undefined,
      },
      orderBy: { id: 'desc' as const },
      take: filter.limit,
      select: { id: true, payload: true },
    };
    const read = async (rows: Promise<Array<{ id: string; payload: Uint8Array }>>) => (await rows).map((r) => ({ id: r.id, envelope: r.payload }));
    return scope === 'platform' ? read(this.master.outboxEvent.findMany(args)) : this.tenantClients.use(scope, (db) => read(db.outboxEvent.findMany(args)));
  }
}
