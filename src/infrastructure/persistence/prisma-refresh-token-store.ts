import { inject, injectable } from 'inversify';
import { UnitOfWork } from '../../application/shared/unit-of-work';
import { TOKENS } from '../../di/tokens';
import { NewRefreshToken, RefreshTokenStore, RotationResult, SessionScope, SessionSummary } from '../../domain/auth/refresh-token-store';
import { SessionRevocationReason } from '../../domain/events/domain-event';
import { SessionWrites } from '../../domain/auth/refresh-token-store';
import { MasterPrisma } from '../prisma/master-prisma';
import { TenantClientManager, TenantPrisma } from '../tenancy/tenant-client-manager';

/** A user's live sessions listed at most (a list longer than this is a sign of abuse, not of use). */
const MAX_LISTED_SESSIONS = 200;

/**
 * Refresh tokens in the tenant's database, or in the master for super-admins. A new session is one INSERT
 * (no event, no transaction); every other change is its own unit of work, so its SessionRevoked events
 * are written and published the one way every write is.
 */
@injectable()
export class PrismaRefreshTokenStore implements RefreshTokenStore {
  constructor(
    @inject(TOKENS.TenantClients) private readonly clients: TenantClientManager,
    @inject(TOKENS.MasterPrisma) private readonly master: MasterPrisma,
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
  ) {}

  async create(scope: SessionScope, token: NewRefreshToken): Promise<void> {
    // One INSERT is atomic by itself: no interactive transaction (BEGIN and COMMIT are two more round trips
    // and most of Prisma's cost of a sign-in's writes).
    if (scope === 'platform') await this.master.refreshToken.create({ data: token });
    else await this.clients.use(scope, (db) => db.refreshToken.create({ data: token }));
  }

  rotate(scope: SessionScope, presentedHash: string, successor: Omit<NewRefreshToken, 'familyId' | 'userId'>, now: Date): Promise<RotationResult> {
    return this.inUnit(scope, (sessions) => sessions.rotate(presentedHash, successor, now));
  }

  revokeFamilyOf(scope: SessionScope, presentedHash: string, now: Date): Promise<boolean> {
    return this.inUnit(scope, (sessions) => sessions.revokeFamilyOf(presentedHash, now));
  }

  revokeFamily(scope: SessionScope, familyId: string, now: Date, reason: SessionRevocationReason): Promise<void> {
    return this.inUnit(scope, (sessions) => sessions.revokeFamily(familyId, now, reason));
  }

  revokeUserSessions(scope: SessionScope, userId: string, now: Date, reason: SessionRevocationReason, keepFamilyId?: string): Promise<number> {
    return this.inUnit(scope, (sessions) => sessions.revokeUserSessions(userId, now, reason, keepFamilyId));
  }

  revokeSessionOf(scope: SessionScope, userId: string, familyId: string, now: Date, reason: SessionRevocationReason): Promise<boolean> {
    return this.inUnit(scope, (sessions) => sessions.revokeSessionOf(userId, familyId, now, reason));
  }

  /**
   * Two reads: the current token of each live family (unused, unrevoked, unexpired: exactly one per live
   * session, since rotation marks the old token used and inserts its successor in one transaction), then
   * when each of those families began.
   */
  async listSessions(scope: SessionScope, userId: string, now: Date): Promise<SessionSummary[]> {
    return this.read(scope, async (db) => {
      const current = await db.refreshToken.findMany({
        where: { userId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        select: { familyId: true, createdAt: true, expiresAt: true, userAgent: true, callerAddress: true },
        orderBy: { createdAt: 'desc' },
        take: MAX_LISTED_SESSIONS,
      });
      if (current.length === 0) return [];
      const starts = await db.refreshToken.groupBy({ by: ['familyId'], where: { familyId: { in: current.map((t) => t.familyId) } }, _min: { createdAt: true } });
      const startOf = new Map(starts.map((s) => [s.familyId, s._min.createdAt]));
      return current
        .map((t) => ({
          id: t.familyId,
          createdAt: startOf.get(t.familyId) ?? t.createdAt,
          lastUsedAt: t.createdAt,
          userAgent: t.userAgent ?? undefined,
          callerAddress: t.callerAddress ?? undefined,
          expiresAt: t.expiresAt,
        }))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    });
  }

  async revokedSessionIds(scope: SessionScope, userId: string, since: Date): Promise<string[]> {
    return this.read(scope, async (db) => {
      const rows = await db.refreshToken.findMany({ where: { userId, revokedAt: { gt: since } }, select: { familyId: true }, distinct: ['familyId'] });
      return rows.map((row) => row.familyId);
    });
  }

  /** The master's client has the same refreshToken model; typed as the tenant's. */
  private read<T>(scope: SessionScope, work: (db: TenantPrisma) => Promise<T>): Promise<T> {
    if (scope === 'platform') return work(this.master as unknown as TenantPrisma);
    return this.clients.use(scope, (db) => work(db));
  }

  private inUnit<T>(scope: SessionScope, work: (sessions: SessionWrites) => Promise<T>): Promise<T> {
    if (scope === 'platform') return this.units.run('platform', (unit) => work(unit.sessions));
    return this.units.run(scope, (unit) => work(unit.sessions));
  }
}
