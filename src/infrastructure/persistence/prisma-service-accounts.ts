import { inject, injectable } from 'inversify';
import { EventSubject } from '../../application/shared/after-commit-effects';
import { TOKENS } from '../../di/tokens';
import { Role } from '../../domain/auth/principal';
import { ServiceAccount, ServiceAccountCredential, ServiceAccountStatus } from '../../domain/service-account/service-account';
import { ServiceAccountRepository, ServiceAccountScope, ServiceAccountWrites } from '../../domain/service-account/service-account-repository';
import type { ServiceAccount as AccountRow, ServiceAccountCredential as CredentialRow } from '../../gen/prisma/tenant/client';
import { MasterPrisma } from '../prisma/master-prisma';
import { TenantClientManager } from '../tenancy/tenant-client-manager';
import { TenantTx } from './prisma-user-writes';
import { UnitEvents } from './unit-events';

/**
 * Service accounts live in the same two tables in every tenant database and in the master database (the
 * platform's). The two generated clients have the same delegates for them, so one adapter serves both:
 * the master client is used through the tenant client's type.
 */
type Db = Pick<TenantTx, 'serviceAccount' | 'serviceAccountCredential' | 'serviceAccountAssertion' | '$queryRaw'>;

const WITH_CREDENTIALS = { credentials: { orderBy: { id: 'asc' as const } } };

export function serviceAccountFromRow(row: AccountRow & { credentials: CredentialRow[] }): ServiceAccount {
  return new ServiceAccount({
    id: row.id,
    name: row.name,
    description: row.description,
    role: row.role as Role,
    status: row.status as ServiceAccountStatus,
    credentials: row.credentials.map(credentialFromRow),
    lastUsedAt: row.lastUsedAt ?? undefined,
    createdAt: row.createdAt,
  });
}

function credentialFromRow(row: CredentialRow): ServiceAccountCredential {
  return {
    id: row.id,
    kind: row.kind === 'KEY' ? 'KEY' : 'SECRET',
    hint: row.hint,
    secretHash: row.secretHash ?? undefined,
    publicKeyPem: row.publicKey ?? undefined,
    expiresAt: row.expiresAt ?? undefined,
    revokedAt: row.revokedAt ?? undefined,
    lastUsedAt: row.lastUsedAt ?? undefined,
    createdAt: row.createdAt,
  };
}

/** Reads of service accounts outside a unit of work (writes: PrismaServiceAccountWrites). */
@injectable()
export class PrismaServiceAccountRepository implements ServiceAccountRepository {
  constructor(
    @inject(TOKENS.TenantClients) private readonly clients: TenantClientManager,
    @inject(TOKENS.MasterPrisma) private readonly master: MasterPrisma,
  ) {}

  private use<T>(scope: ServiceAccountScope, work: (db: Db) => Promise<T>): Promise<T> {
    if (scope === 'platform') return work(this.master as unknown as Db);
    return this.clients.use(scope, (db) => work(db as unknown as Db));
  }

  findById(scope: ServiceAccountScope, id: string): Promise<ServiceAccount | undefined> {
    return this.use(scope, async (db) => {
      const row = await db.serviceAccount.findUnique({ where: { id }, include: WITH_CREDENTIALS });
      return row ? serviceAccountFromRow(row) : undefined;
    });
  }

  findBySecretHash(scope: ServiceAccountScope, secretHash: string): Promise<{ account: ServiceAccount; credentialId: string } | undefined> {
    return this.use(scope, async (db) => {
      const credential = await db.serviceAccountCredential.findUnique({ where: { secretHash }, include: { serviceAccount: { include: WITH_CREDENTIALS } } });
      return credential ? { account: serviceAccountFromRow(credential.serviceAccount), credentialId: credential.id } : undefined;
    });
  }

  list(scope: ServiceAccountScope, filter: { afterId?: string; limit: number }): Promise<ServiceAccount[]> {
    return this.use(scope, async (db) => {
      const rows = await db.serviceAccount.findMany({
        where: filter.afterId ? { id: { gt: filter.afterId } } : {},
        orderBy: { id: 'asc' },
        take: filter.limit,
        include: WITH_CREDENTIALS,
      });
      return rows.map(serviceAccountFromRow);
    });
  }
}

/** The service accounts of one scope inside a unit of work's transaction. */
export class PrismaServiceAccountWrites implements ServiceAccountWrites {
  constructor(
    private readonly tx: Db,
    private readonly subject: EventSubject | undefined,
    private readonly events: UnitEvents,
  ) {}

  async findById(id: string): Promise<ServiceAccount | undefined> {
    const locked = await this.tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM service_accounts WHERE id = ${id}::uuid FOR UPDATE`;
    if (locked.length === 0) return undefined;
    const row = await this.tx.serviceAccount.findUnique({ where: { id }, include: WITH_CREDENTIALS });
    return row ? serviceAccountFromRow(row) : undefined;
  }

  async add(account: ServiceAccount): Promise<void> {
    await this.tx.serviceAccount.create({
      data: { id: account.id, name: account.name, description: account.description, role: account.role, status: account.status, createdAt: account.createdAt },
    });
    await this.insertAdded(account);
    this.events.track(account, this.subject);
  }

  async save(account: ServiceAccount): Promise<boolean> {
    if (account.isRemoved) {
      const { count } = await this.tx.serviceAccount.deleteMany({ where: { id: account.id } });
      if (count === 1) this.events.track(account, this.subject);
      return count === 1;
    }
    const { count } = await this.tx.serviceAccount.updateMany({ where: { id: account.id }, data: { status: account.status } });
    if (count === 0) return false;
    for (const credential of account.credentials) {
      if (credential.revokedAt) {
        await this.tx.serviceAccountCredential.updateMany({ where: { id: credential.id, revokedAt: null }, data: { revokedAt: credential.revokedAt } });
      }
    }
    await this.insertAdded(account);
    this.events.track(account, this.subject);
    return true;
  }

  async claimAssertion(id: string, expiresAt: Date, now: Date): Promise<boolean> {
    await this.tx.serviceAccountAssertion.deleteMany({ where: { expiresAt: { lt: now } } });
    const { count } = await this.tx.serviceAccountAssertion.createMany({ data: [{ id, expiresAt }], skipDuplicates: true });
    return count === 1;
  }

  async markUsed(accountId: string, credentialId: string, at: Date): Promise<void> {
    await this.tx.serviceAccount.updateMany({ where: { id: accountId }, data: { lastUsedAt: at } });
    await this.tx.serviceAccountCredential.updateMany({ where: { id: credentialId }, data: { lastUsedAt: at } });
  }

  private async insertAdded(account: ServiceAccount): Promise<void> {
    for (const c of account.addedCredentials) {
      await this.tx.serviceAccountCredential.create({
        data: {
          id: c.id,
          serviceAccountId: account.id,
          kind: c.kind,
          hint: c.hint,
          secretHash: c.secretHash ?? null,
          publicKey: c.publicKeyPem ?? null,
          expiresAt: c.expiresAt ?? null,
          createdAt: c.createdAt,
        },
      });
    }
  }
}
