import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { DomainError } from '../../domain/shared/domain-error';
import { Email } from '../../domain/shared/email';
import { Tenant } from '../../domain/tenant/tenant';
import { TenantRole, User } from '../../domain/user/user';
import { UserListFilter, UserRepository, WriteOptions } from '../../domain/user/user-repository';
import { DomainEvent } from '../../domain/events/domain-event';
import { Outbox } from '../outbox/outbox';
import { scopeOf } from '../outbox/event-scope';
import type { User as UserRow } from '../../gen/prisma/tenant/client';
import { isUniqueViolation } from '../prisma/prisma-errors';
import { TenantClientManager, TenantPrisma } from '../tenancy/tenant-client-manager';
import { lastOwner } from '../../domain/user/user-management-policy';

export function userFromRow(row: UserRow): User {
  return new User({
    id: row.id,
    email: Email.fromStored(row.email, row.emailNormalized),
    name: row.name,
    passwordHash: row.passwordHash,
    role: row.role,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

/** Escapes LIKE's wildcards and its escape character, so a prefix matches literally. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Serialises decisions about who owns the tenant within one tenant database: "is this the first
 * user?" at sign-up, and "does another active OWNER remain?" before demoting, disabling or deleting one.
 */
const OWNERSHIP_LOCK = 7_246_131;

type Tx = Parameters<Parameters<TenantPrisma['$transaction']>[0]>[0];

/** Under the ownership lock: throws LAST_OWNER unless an active OWNER other than `userId` exists. */
async function assertAnotherOwner(tx: Tx, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${OWNERSHIP_LOCK})`;
  if ((await tx.user.count({ where: { role: 'OWNER', status: 'ACTIVE', id: { not: userId } } })) === 0) throw lastOwner();
}

@injectable()
export class PrismaUserRepository implements UserRepository {
  constructor(
    @inject(TOKENS.TenantClients) private readonly clients: TenantClientManager,
    @inject(TOKENS.Outbox) private readonly outbox: Outbox,
  ) {}

  findById(tenant: Tenant, id: string): Promise<User | undefined> {
    return this.clients.use(tenant, async (db) => {
      const row = await db.user.findUnique({ where: { id } });
      return row ? userFromRow(row) : undefined;
    });
  }

  findByEmail(tenant: Tenant, email: Email): Promise<User | undefined> {
    return this.clients.use(tenant, async (db) => {
      const row = await db.user.findUnique({ where: { emailNormalized: email.normalized } });
      return row ? userFromRow(row) : undefined;
    });
  }

  insert(tenant: Tenant, user: User, options: { roleIfFirst?: TenantRole; eventsFor?: (stored: User) => DomainEvent[] } = {}): Promise<User> {
    const { roleIfFirst, eventsFor } = options;
    return this.clients.use(tenant, async (db) => {
      try {
        const stored = await db.$transaction(async (tx) => {
          let role = user.role;
          if (roleIfFirst) {
            await tx.$executeRaw`SELECT pg_advisory_xact_lock(${OWNERSHIP_LOCK})`;
            if ((await tx.user.count()) === 0) role = roleIfFirst;
          }
          const created = userFromRow(
            await tx.user.create({
              data: {
                id: user.id,
                email: user.email.value,
                emailNormalized: user.email.normalized,
                name: user.name,
                passwordHash: user.passwordHash,
                role,
                status: user.status,
                createdAt: user.createdAt,
              },
            }),
          );
          await this.outbox.append(tx, scopeOf(tenant), eventsFor?.(created) ?? []);
          return created;
        });
        if (eventsFor) this.outbox.committed(tenant);
        return stored;
      } catch (error) {
        // Telling the caller the email is taken is inherent to sign-up without an email round trip.
        if (isUniqueViolation(error)) throw DomainError.alreadyExists('EMAIL_TAKEN', 'a user with this email already exists in this tenant');
        throw error;
      }
    });
  }

  async update(tenant: Tenant, user: User, { keepAnOwner = false, events = [] }: WriteOptions = {}): Promise<User | undefined> {
    const row = await this.clients.use(tenant, (db) =>
      db.$transaction(async (tx) => {
        if (keepAnOwner) await assertAnotherOwner(tx, user.id);
        const [updated] = await tx.user.updateManyAndReturn({
          where: { id: user.id },
          data: { name: user.name, passwordHash: user.passwordHash, role: user.role, status: user.status },
        });
        if (updated) await this.outbox.append(tx, scopeOf(tenant), events);
        return updated;
      }),
    );
    if (row && events.length > 0) this.outbox.committed(tenant);
    return row ? userFromRow(row) : undefined;
  }

  async delete(tenant: Tenant, id: string, { keepAnOwner = false, events = [] }: WriteOptions = {}): Promise<boolean> {
    const deleted = await this.clients.use(tenant, (db) =>
      db.$transaction(async (tx) => {
        if (keepAnOwner) await assertAnotherOwner(tx, id);
        const { count } = await tx.user.deleteMany({ where: { id } });
        if (count === 1) await this.outbox.append(tx, scopeOf(tenant), events);
        return count === 1;
      }),
    );
    if (deleted && events.length > 0) this.outbox.committed(tenant);
    return deleted;
  }

  list(tenant: Tenant, filter: UserListFilter): Promise<User[]> {
    return this.clients.use(tenant, async (db) => {
      const rows = await db.user.findMany({
        where: {
          role: filter.role,
          status: filter.status,
          // Prisma's startsWith becomes LIKE 'prefix%' without escaping: escape LIKE's own characters.
          emailNormalized: filter.emailPrefix ? { startsWith: escapeLike(filter.emailPrefix) } : undefined,
          id: filter.afterId ? { gt: filter.afterId } : undefined,
        },
        orderBy: { id: 'asc' },
        take: filter.limit,
      });
      return rows.map(userFromRow);
    });
  }

}
