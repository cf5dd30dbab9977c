import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { DomainError } from '../../domain/shared/domain-error';
import { Email } from '../../domain/shared/email';
import { Tenant } from '../../domain/tenant/tenant';
import { TenantRole, User } from '../../domain/user/user';
import { UserListFilter, UserRepository } from '../../domain/user/user-repository';
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
  constructor(@inject(TOKENS.TenantClients) private readonly clients: TenantClientManager) {}

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

  insert(tenant: Tenant, user: User, roleIfFirst?: TenantRole): Promise<User> {
    return this.clients.use(tenant, async (db) => {
      try {
        const row = await db.$transaction(async (tx) => {
          let role = user.role;
          if (roleIfFirst) {
            await tx.$executeRaw`SELECT pg_advisory_xact_lock(${OWNERSHIP_LOCK})`;
            if ((await tx.user.count()) === 0) role = roleIfFirst;
          }
          return tx.user.create({
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
          });
        });
        return userFromRow(row);
      } catch (error) {
        // Telling the caller the email is taken is inherent to sign-up without an email round trip.
        if (isUniqueViolation(error)) throw DomainError.alreadyExists('EMAIL_TAKEN', 'a user with this email already exists in this tenant');
        throw error;
      }
    });
  }

  update(tenant: Tenant, user: User, keepAnOwner = false): Promise<User | undefined> {
    return this.clients.use(tenant, (db) =>
      db.$transaction(async (tx) => {
        if (keepAnOwner) await assertAnotherOwner(tx, user.id);
        const rows = await tx.user.updateManyAndReturn({
          where: { id: user.id },
          data: { name: user.name, passwordHash: user.passwordHash, role: user.role, status: user.status },
        });
        return rows[0] ? userFromRow(rows[0]) : undefined;
      }),
    );
  }

  delete(tenant: Tenant, id: string, keepAnOwner = false): Promise<boolean> {
    return this.clients.use(tenant, (db) =>
      db.$transaction(async (tx) => {
        if (keepAnOwner) await assertAnotherOwner(tx, id);
        return (await tx.user.deleteMany({ where: { id } })).count === 1;
      }),
    );
  }

  list(tenant: Tenant, filter: UserListFilter): Promise<User[]> {
    return this.clients.use(tenant, async (db) => {
      const rows = await db.user.findMany({
        where: {
          role: filter.role,
          status: filter.status,
          emailNormalized: filter.emailPrefix ? { startsWith: filter.emailPrefix } : undefined,
          id: filter.afterId ? { gt: filter.afterId } : undefined,
        },
        orderBy: { id: 'asc' },
        take: filter.limit,
      });
      return rows.map(userFromRow);
    });
  }

}
