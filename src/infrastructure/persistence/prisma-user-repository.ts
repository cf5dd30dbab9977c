import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { Email } from '../../domain/shared/email';
import { Tenant } from '../../domain/tenant/tenant';
import { User } from '../../domain/user/user';
import { UserListFilter, UserRepository } from '../../domain/user/user-repository';
import type { User as UserRow } from '../../gen/prisma/tenant/client';
import { TenantClientManager } from '../tenancy/tenant-client-manager';

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
    emailVerifiedAt: row.emailVerified ? (row.emailVerifiedAt ?? row.updatedAt) : null,
  });
}

/** Escapes LIKE's wildcards and its escape character, so a prefix matches literally. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Reads of a tenant's users outside a unit of work (writes: PrismaUserWrites). */
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
