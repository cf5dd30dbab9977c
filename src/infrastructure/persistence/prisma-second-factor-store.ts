import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { SessionScope } from '../../domain/auth/refresh-token-store';
import { ChallengePurpose, SecondFactorStore, StoredSecondFactor } from '../../domain/auth/second-factor-store';
import { MasterPrisma } from '../prisma/master-prisma';
import { TenantClientManager, TenantPrisma } from '../tenancy/tenant-client-manager';

/**
 * Second factors and challenges in the tenant's database, or the master's for super-admins (the same models
 * and rules in both). Each change is one statement; the ones that must happen once are conditional.
 */
@injectable()
export class PrismaSecondFactorStore implements SecondFactorStore {
  constructor(
    @inject(TOKENS.TenantClients) private readonly clients: TenantClientManager,
    @inject(TOKENS.MasterPrisma) private readonly master: MasterPrisma,
  ) {}

  find(scope: SessionScope, userId: string): Promise<StoredSecondFactor | undefined> {
    return this.db(scope, async (db) => {
      const row = await db.secondFactor.findUnique({ where: { userId } });
      if (!row) return undefined;
      return { secret: row.secret, confirmed: row.confirmedAt !== null, lastStep: Number(row.lastStep), recoveryCodesLeft: row.recoveryCodeHashes.length };
    });
  }

  beginEnrollment(scope: SessionScope, userId: string, secret: string): Promise<boolean> {
    return this.db(scope, async (db) => {
      const { count } = await db.secondFactor.updateMany({ where: { userId, confirmedAt: null }, data: { secret, lastStep: 0, recoveryCodeHashes: [] } });
      if (count > 0) return true;
      try {
        await db.secondFactor.create({ data: { userId, secret } });
        return true;
      } catch {
        return false; // a row exists and is confirmed (or was confirmed meanwhile)
      }
    });
  }

  confirm(scope: SessionScope, userId: string, secret: string, step: number, recoveryCodeHashes: string[], now: Date): Promise<boolean> {
    return this.db(scope, async (db) => {
      const { count } = await db.secondFactor.updateMany({
        where: { userId, secret, confirmedAt: null },
        data: { confirmedAt: now, lastStep: BigInt(step), recoveryCodeHashes },
      });
      return count === 1;
    });
  }

  acceptStep(scope: SessionScope, userId: string, step: number): Promise<boolean> {
    return this.db(scope, async (db) => {
      const { count } = await db.secondFactor.updateMany({ where: { userId, confirmedAt: { not: null }, lastStep: { lt: BigInt(step) } }, data: { lastStep: BigInt(step) } });
      return count === 1;
    });
  }

  useRecoveryCode(scope: SessionScope, userId: string, codeHash: string): Promise<boolean> {
    const table = scope === 'platform' ? 'platform_second_factors' : 'second_factors';
    return this.db(scope, async (db) => {
      // One statement: of concurrent uses of one code, exactly one removes it.
      const count = await db.$executeRawUnsafe(
        `UPDATE "${table}" SET recovery_code_hashes = array_remove(recovery_code_hashes, $2::varchar) WHERE user_id = $1::uuid AND confirmed_at IS NOT NULL AND $2::varchar = ANY(recovery_code_hashes)`,
        userId,
        codeHash,
      );
      return count === 1;
    });
  }

  remove(scope: SessionScope, userId: string): Promise<boolean> {
    return this.db(scope, async (db) => (await db.secondFactor.deleteMany({ where: { userId } })).count > 0);
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
