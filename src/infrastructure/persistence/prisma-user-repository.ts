import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { Email } from '../../domain/shared/email';
import { Tenant } from '../../domain/tenant/tenant';
import { User } from '../../domain/user/user';
import { UserListFilter, UserRepository } from '../../domain/user/user-repository';
import type { User as UserRow } from '../../gen/prisma/tenant/client';
import { TenantClientManager } from '../tenancy/tenant-client-manager';
import { userRowByEmail, userRowById } from './pg-user-queries';

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

  /** Hot (every cache miss): a prepared statement on the pool, not Prisma's query path (pg-user-queries.ts). */
  findById(tenant: Tenant, id: string): Promise<User | undefined> {
    return this.clients.read(tenant, async (pool) => {
      const row = await userRowById(pool, id);
      return row ? userFromRow(row) : undefined;
    });
  }

  /** Hot (every login): as findById. */
  findByEmail(tenant: Tenant, email: Email): Promise<User | undefined> {
    return this.clients.read(tenant, async (pool) => {
      const row = await userRowByEmail(pool, email.normalized);
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
