import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { NewRefreshToken, RefreshTokenStore, RotationResult, SessionScope } from '../../domain/auth/refresh-token-store';
import { SessionRevocationReason } from '../../domain/events/domain-event';
import { Outbox } from '../outbox/outbox';
import { scopeOf } from '../outbox/event-scope';
import { MasterPrisma } from '../prisma/master-prisma';
import { TenantClientManager, TenantPrisma } from '../tenancy/tenant-client-manager';

/** The transaction client both databases share for refresh tokens (same model in the master and tenant schemas). */
type Tx = Parameters<Parameters<TenantPrisma['$transaction']>[0]>[0];

/**
 * Refresh tokens in the tenant's database, or in the master for super-admins: the same model and the
 * same rules in both. Every revocation writes a SessionRevoked event in its transaction.
 */
@injectable()
export class PrismaRefreshTokenStore implements RefreshTokenStore {
  constructor(
    @inject(TOKENS.TenantClients) private readonly clients: TenantClientManager,
    @inject(TOKENS.MasterPrisma) private readonly master: MasterPrisma,
    @inject(TOKENS.Outbox) private readonly outbox: Outbox,
  ) {}

  async create(scope: SessionScope, token: NewRefreshToken): Promise<void> {
    // One INSERT is atomic by itself: no interactive transaction (BEGIN and COMMIT are two more round trips
    // and most of Prisma's cost of a sign-in's writes).
    if (scope === 'platform') await this.master.refreshToken.create({ data: token });
    else await this.clients.use(scope, (db) => db.refreshToken.create({ data: token }));
  }

  async rotate(scope: SessionScope, presentedHash: string, successor: Omit<NewRefreshToken, 'familyId' | 'userId'>, now: Date): Promise<RotationResult> {
    const result = await this.transaction(scope, async (tx): Promise<RotationResult> => {
      // One conditional UPDATE ... RETURNING: the row lock makes exactly one concurrent rotation win;
      // the others find the token used, and are treated as reuse.
      const [claimed] = await tx.refreshToken.updateManyAndReturn({
        where: { tokenHash: presentedHash, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (!claimed) {
        const known = await tx.refreshToken.findUnique({ where: { tokenHash: presentedHash } });
        if (!known?.usedAt) return { kind: 'invalid' };
        await this.revoke(tx, scope, { familyId: known.familyId }, known.userId, known.familyId, now, 'REUSE_DETECTED');
        return { kind: 'reused' };
      }
      await tx.refreshToken.create({ data: { ...successor, familyId: claimed.familyId, userId: claimed.userId } });
      return { kind: 'rotated', userId: claimed.userId, familyId: claimed.familyId };
    });
    if (result.kind === 'reused') this.committed(scope);
    return result;
  }

  async revokeFamilyOf(scope: SessionScope, presentedHash: string, now: Date): Promise<boolean> {
    const found = await this.transaction(scope, async (tx) => {
      const token = await tx.refreshToken.findUnique({ where: { tokenHash: presentedHash } });
      if (!token) return false;
      await this.revoke(tx, scope, { familyId: token.familyId }, token.userId, token.familyId, now, 'LOGOUT');
      return true;
    });
    if (found) this.committed(scope);
    return found;
  }

  async revokeFamily(scope: SessionScope, familyId: string, now: Date, reason: SessionRevocationReason): Promise<void> {
    await this.transaction(scope, async (tx) => {
      const token = await tx.refreshToken.findFirst({ where: { familyId }, select: { userId: true } });
      if (token) await this.revoke(tx, scope, { familyId }, token.userId, familyId, now, reason);
    });
    this.committed(scope);
  }

  async revokeUserSessions(scope: SessionScope, userId: string, now: Date, reason: SessionRevocationReason, keepFamilyId?: string): Promise<void> {
    await this.transaction(scope, (tx) => this.revoke(tx, scope, { userId, familyId: keepFamilyId ? { not: keepFamilyId } : undefined }, userId, undefined, now, reason));
    this.committed(scope);
  }

  private transaction<T>(scope: SessionScope, work: (tx: Tx) => Promise<T>): Promise<T> {
    if (scope === 'platform') return this.master.$transaction((tx) => work(tx as unknown as Tx));
    return this.clients.use(scope, (db) => db.$transaction(work));
  }

  private committed(scope: SessionScope): void {
    this.outbox.committed(scope === 'platform' ? undefined : scope);
  }

  /** Revokes the live tokens matching `where` and, if any were live, records one SessionRevoked. */
  private async revoke(
    tx: Tx,
    scope: SessionScope,
    where: { familyId?: string | { not: string }; userId?: string },
    userId: string,
    sessionId: string | undefined,
    now: Date,
    reason: SessionRevocationReason,
  ): Promise<void> {
    const { count } = await tx.refreshToken.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now } });
    if (count > 0) {
      await this.outbox.append(tx, scope === 'platform' ? undefined : scopeOf(scope), [{ type: 'SessionRevoked', targetId: userId, sessionId, reason }]);
    }
  }
}
