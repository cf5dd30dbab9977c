import { SessionScope, SessionSummary } from '../../domain/auth/refresh-token-store';
import { MasterPrisma } from '../prisma/master-prisma';
import { TenantClientManager, TenantPrisma } from '../tenancy/tenant-client-manager';

const REVOKED_SINCE = 'SELECT DISTINCT family_id FROM refresh_tokens WHERE user_id = $1 AND revoked_at > $2';

/** A user's live sessions listed at most (a list longer than this is a sign of abuse, not of use). */
const MAX_LISTED_SESSIONS = 200;

/**
 * Reads of sessions (refresh token families) outside any unit of work: the session list, and the recently
 * revoked sessions that the revoked-session check caches. Needs no unit of work, so the after-commit
 * effects (which the unit of work runs) can use it without a cycle.
 */
export class PrismaSessionReads {
  constructor(
    private readonly clients: TenantClientManager,
    private readonly master: MasterPrisma,
  ) {}

  /**
   * Two reads: the current token of each live family (unused, unrevoked, unexpired: one per live session,
   * since rotation marks the old token used and inserts its successor in one transaction; more than one
   * after exchanges within REFRESH_TOKEN_REUSE_GRACE_SECONDS, of which the newest is listed), then when each
   * of those families began.
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
      // Newest first: the first token seen of a family is its newest.
      const seen = new Set<string>();
      return current
        .filter((t) => !seen.has(t.familyId) && Boolean(seen.add(t.familyId)))
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

  /**
   * On a tenant, a prepared statement on the tenant's pg pool: every first call of a user after a cache
   * miss asks this, and through Prisma it would give every tenant read this way a Prisma client.
   */
  async revokedSessionIds(scope: SessionScope, userId: string, since: Date): Promise<string[]> {
    if (scope !== 'platform') {
      return this.clients.read(scope, async (pool) => {
        const { rows } = await pool.query<{ family_id: string }>({ name: 'revoked_session_ids', text: REVOKED_SINCE, values: [userId, since] });
        return rows.map((row) => row.family_id);
      });
    }
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

}
