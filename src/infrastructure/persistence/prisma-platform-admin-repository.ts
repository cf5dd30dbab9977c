import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { Email } from '../../domain/shared/email';
import { PlatformAdmin, PlatformAdminRepository, SuperAdminSummary } from '../../domain/platform-admin/platform-admin';
import { MasterPrisma } from '../prisma/master-prisma';

/** Reads of super-admins outside a unit of work (writes: PrismaPlatformAdminWrites). */
@injectable()
export class PrismaPlatformAdminRepository implements PlatformAdminRepository {
  constructor(@inject(TOKENS.MasterPrisma) private readonly prisma: MasterPrisma) {}

  async findByEmail(email: Email): Promise<PlatformAdmin | undefined> {
    const row = await this.prisma.platformAdmin.findUnique({ where: { emailNormalized: email.normalized } });
    return row ? { id: row.id, email: row.email, name: row.name, passwordHash: row.passwordHash } : undefined;
  }

  async findById(id: string): Promise<PlatformAdmin | undefined> {
    const row = await this.prisma.platformAdmin.findUnique({ where: { id } });
    return row ? { id: row.id, email: row.email, name: row.name, passwordHash: row.passwordHash } : undefined;
  }

  list(filter: { afterId?: string; limit: number }): Promise<SuperAdminSummary[]> {
    // The hash is never selected, so it cannot reach a listing.
    return this.prisma.platformAdmin.findMany({
      where: filter.afterId ? { id: { gt: filter.afterId } } : {},
      orderBy: { id: 'asc' },
      take: filter.limit,
      select: { id: true, email: true, name: true, createdAt: true },
    });
  }
}
