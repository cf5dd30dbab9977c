import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { Email } from '../../domain/shared/email';
import { PlatformAdmin, PlatformAdminRepository } from '../../domain/platform-admin/platform-admin';
import { MasterPrisma } from '../prisma/master-prisma';

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

  async createIfAbsent(admin: PlatformAdmin & { emailNormalized: string }): Promise<boolean> {
    const { count } = await this.prisma.platformAdmin.createMany({ data: [admin], skipDuplicates: true });
    return count === 1;
  }
}
