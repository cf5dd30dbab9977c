import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { SessionScope } from '../../domain/auth/refresh-token-store';
import { ChallengePurpose, SecondFactorStore, StoredSecondFactor } from '../../domain/auth/second-factor-store';
import { SecretBox } from '../crypto/secret-box';
import { MasterPrisma } from '../prisma/master-prisma';
import { TenantClientManager, TenantPrisma } from '../tenancy/tenant-client-manager';
import { hasConfirmedFactor } from './pg-second-factor-queries';

/**
 * Reads of second factors, and the challenges, in the tenant's database or the master's for super-admins
 * (the same models and rules in both). A challenge's claim is one conditional statement. Changes to a
 * factor: PrismaSecondFactorWrites, in a unit of work.
 */
@injectable()
export class PrismaSecondFactorStore implements SecondFactorStore {
  constructor(
    @inject(TOKENS.TenantClients) private readonly clients: TenantClientManager,
    @inject(TOKENS.MasterPrisma) private readonly master: MasterPrisma,
    @inject(TOKENS.SecretBox) private readonly box: SecretBox,
  ) {}

  find(scope: SessionScope, userId: string): Promise<StoredSecondFactor | undefined> {
    return this.db(scope, async (db) => {
      const row = await db.secondFactor.findUnique({ where: { userId } });
      if (!row) return undefined;
      return { secret: this.box.open(row.secret, userId), confirmed: row.confirmedAt !== null, lastStep: Number(row.lastStep), recoveryCodesLeft: row.recoveryCodeHashes.length };
    });
  }

  hasConfirmedFactor(scope: SessionScope, userId: string): Promise<boolean> {
    // Asked by every sign-in of a tenant user: a prepared statement on the tenant's pool, not Prisma's query path.
    if (scope !== 'platform') return this.clients.read(scope, (pool) => hasConfirmedFactor(pool, userId));
    return this.master.secondFactor.count({ where: { userId, confirmedAt: { not: null } } }).then((n) => n > 0);
  }

  createChallenge(scope: SessionScope, challenge: { id: string; tokenHash: string; userId: string; expiresAt: Date; purpose: ChallengePurpose }): Promise<void> {
    return this.db(scope, async (db) => {
      await db.secondFactorChallenge.create({ data: challenge });
    });
  }

  peekChallenge(scope: SessionScope, tokenHash: string, now: Date, purpose: ChallengePurpose): Promise<string | undefined> {
    return this.db(scope, async (db) => {
      const row = await db.secondFactorChallenge.findFirst({ where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } }, select: { userId: true } });
      return row?.userId;
    });
  }

  claimChallenge(scope: SessionScope, tokenHash: string, now: Date, purpose: ChallengePurpose): Promise<string | undefined> {
    return this.db(scope, async (db) => {
      const [claimed] = await db.secondFactorChallenge.updateManyAndReturn({ where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now }, select: { userId: true } });
      return claimed?.userId;
    });
  }

  /** The master's client has the same models; typed as the tenant's. */
  private db<T>(scope: SessionScope, work: (db: TenantPrisma) => Promise<T>): Promise<T> {
    if (scope === 'platform') return work(this.master as unknown as TenantPrisma);
    return this.clients.use(scope, (db) => work(db));
  }
}
