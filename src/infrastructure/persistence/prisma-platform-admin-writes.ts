import { lastSuperAdmin, PlatformAdminWrites, SuperAdmin, superAdminEmailTaken } from '../../domain/platform-admin/platform-admin';
import { Email } from '../../domain/shared/email';
import { isUniqueViolation } from '../prisma/prisma-errors';
import { MasterTx } from './prisma-tenant-writes';
import { UnitEvents } from './unit-events';

/**
 * Serialises "does another super-admin remain?" in the master database: every removal takes it before
 * counting, so of two concurrent removals of the last two admins the second counts after the first commits.
 */
const PLATFORM_ADMINS_LOCK = 7_246_133; // not 7_246_132: the outbox relay takes that one in the master database

type AdminRow = { id: string; email: string; emailNormalized: string; name: string; passwordHash: string; createdAt: Date };

function superAdminFromRow(row: AdminRow): SuperAdmin {
  return new SuperAdmin({ id: row.id, email: Email.fromStored(row.email, row.emailNormalized), name: row.name, passwordHash: row.passwordHash, createdAt: row.createdAt });
}

/** The platform's super-admins inside a unit of work's transaction on the master database. */
export class PrismaPlatformAdminWrites implements PlatformAdminWrites {
  constructor(
    private readonly tx: MasterTx,
    private readonly events: UnitEvents,
  ) {}

  async findById(id: string): Promise<SuperAdmin | undefined> {
    // Locks the row until the unit ends: a password change and a removal of one admin take turns.
    const locked = await this.tx.$queryRaw<AdminRow[]>`
      SELECT id::text AS id, email, email_normalized AS "emailNormalized", name, password_hash AS "passwordHash", created_at AS "createdAt"
      FROM platform_admins WHERE id = ${id}::uuid FOR UPDATE`;
    return locked.length === 0 ? undefined : superAdminFromRow(locked[0]);
  }

  async findByEmail(email: Email): Promise<SuperAdmin | undefined> {
    const row = await this.tx.platformAdmin.findUnique({ where: { emailNormalized: email.normalized } });
    return row ? superAdminFromRow(row) : undefined;
  }

  async add(admin: SuperAdmin): Promise<void> {
    try {
      await this.tx.platformAdmin.create({
        data: { id: admin.id, email: admin.email.value, emailNormalized: admin.email.normalized, name: admin.name, passwordHash: admin.passwordHash, createdAt: admin.createdAt },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw superAdminEmailTaken();
      throw error;
    }
    this.events.track(admin, undefined);
  }

  async save(admin: SuperAdmin): Promise<boolean> {
    let stored: boolean;
    if (admin.isRemoved) {
      await this.tx.$executeRaw`SELECT pg_advisory_xact_lock(${PLATFORM_ADMINS_LOCK})`;
      // Counted after the lock, in a fresh snapshot (READ COMMITTED): a removal that committed meanwhile is seen.
      const others = await this.tx.platformAdmin.count({ where: { id: { not: admin.id } } });
      if (others === 0) throw lastSuperAdmin();
      // The admin's refresh tokens, second factor and challenges go with the row (foreign key cascade).
      stored = (await this.tx.platformAdmin.deleteMany({ where: { id: admin.id } })).count === 1;
    } else {
      stored = (await this.tx.platformAdmin.updateMany({ where: { id: admin.id }, data: { passwordHash: admin.passwordHash } })).count === 1;
    }
    if (stored) this.events.track(admin, undefined);
    return stored;
  }
}
