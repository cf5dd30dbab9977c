import { DomainError } from '../../domain/shared/domain-error';
import { Email } from '../../domain/shared/email';
import { lastOwner, User } from '../../domain/user/user';
import { UserWrites } from '../../domain/user/user-repository';
import { EventSubject } from '../../application/shared/after-commit-effects';
import { isUniqueViolation } from '../prisma/prisma-errors';
import { TenantPrisma } from '../tenancy/tenant-client-manager';
import { userFromRow } from './prisma-user-repository';
import { UnitEvents } from './unit-events';

export type TenantTx = Parameters<Parameters<TenantPrisma['$transaction']>[0]>[0];

/**
 * Serialises decisions about who owns the tenant within one tenant database: "is this the first
 * user?" at sign-up, and "does another active OWNER remain?" before demoting, disabling or deleting one.
 */
const OWNERSHIP_LOCK = 7_246_131;

/** The users of one tenant inside a unit of work's transaction. */
export class PrismaUserWrites implements UserWrites {
  constructor(
    private readonly tx: TenantTx,
    private readonly subject: EventSubject,
    private readonly events: UnitEvents,
  ) {}

  async findById(id: string): Promise<User | undefined> {
    // Locks the row until the unit ends: concurrent writes to one user take turns instead of losing one.
    const locked = await this.tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM users WHERE id = ${id}::uuid FOR UPDATE`;
    if (locked.length === 0) return undefined;
    const row = await this.tx.user.findUnique({ where: { id } });
    return row ? userFromRow(row) : undefined;
  }

  async findByEmail(email: Email): Promise<User | undefined> {
    const row = await this.tx.user.findUnique({ where: { emailNormalized: email.normalized } });
    return row ? userFromRow(row) : undefined;
  }

  async claimFirstUser(): Promise<boolean> {
    await this.tx.$executeRaw`SELECT pg_advisory_xact_lock(${OWNERSHIP_LOCK})`;
    return (await this.tx.user.count()) === 0;
  }

  async add(user: User): Promise<void> {
    try {
      // A savepoint-free insert: a unique violation aborts the unit, which is what the caller gets anyway.
      await this.tx.user.create({ data: { id: user.id, ...columns(user), createdAt: user.createdAt } });
    } catch (error) {
      // Telling the caller the email is taken is inherent to sign-up without an email round trip.
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
    this.events.track(user, this.subject);
  }

  async save(user: User): Promise<User | undefined> {
    if (user.givesUpOwnership) {
      await this.tx.$executeRaw`SELECT pg_advisory_xact_lock(${OWNERSHIP_LOCK})`;
      const others = await this.tx.user.count({ where: { role: 'OWNER', status: 'ACTIVE', id: { not: user.id } } });
      if (others === 0) throw lastOwner();
    }
    let stored: User | undefined;
    if (user.isRemoved) {
      stored = (await this.tx.user.deleteMany({ where: { id: user.id } })).count === 1 ? user : undefined;
    } else {
      // A unique violation (an email another user has) aborts the unit, which is what the caller gets anyway.
      const [row] = await this.tx.user.updateManyAndReturn({ where: { id: user.id }, data: columns(user) }).catch((error: unknown) => {
        if (isUniqueViolation(error)) throw emailTaken();
        throw error;
      });
      stored = row ? userFromRow(row) : undefined;
    }
    if (stored) this.events.track(user, this.subject);
    return stored;
  }
}

function emailTaken(): DomainError {
  return DomainError.alreadyExists('EMAIL_TAKEN', 'a user with this email already exists in this tenant');
}

/** The columns a user's state writes (all but the id and the creation time, which never change). */
function columns(user: User) {
  return {
    email: user.email.value,
    emailNormalized: user.email.normalized,
    name: user.name,
    passwordHash: user.passwordHash,
    role: user.role,
    status: user.status,
    emailVerified: user.emailVerified,
    emailVerifiedAt: user.emailVerifiedAt,
  };
}
