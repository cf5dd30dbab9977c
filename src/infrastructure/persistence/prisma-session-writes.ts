import { EventSubject } from '../../application/shared/after-commit-effects';
import { NewRefreshToken, RotationResult, SessionWrites } from '../../domain/auth/refresh-token-store';
import { SessionRevocationReason } from '../../domain/events/domain-event';
import { TenantTx } from './prisma-user-writes';
import { UnitEvents } from './unit-events';

/**
 * Refresh token families of one database (a tenant's, or the master for super-admins: the same model and
 * the same rules in both) inside a unit of work's transaction. Every revocation that ends a live session
 * records one SessionRevoked.
 */
export class PrismaSessionWrites implements SessionWrites {
  constructor(
    /** The master's transaction client has the same refreshToken model; typed as the tenant's. */
    private readonly tx: TenantTx,
    private readonly subject: EventSubject | undefined,
    private readonly events: UnitEvents,
  ) {}

  async create(token: NewRefreshToken): Promise<void> {
    await this.tx.refreshToken.create({ data: token });
  }

  async rotate(presentedHash: string, successor: Omit<NewRefreshToken, 'familyId' | 'userId'>, now: Date, graceSince?: Date): Promise<RotationResult> {
    // One conditional UPDATE ... RETURNING: the row lock makes exactly one concurrent rotation win; the
    // others find the token used (the winner committed), and are treated as reuse, or within the grace
    // as a second exchange.
    const [claimed] = await this.tx.refreshToken.updateManyAndReturn({
      where: { tokenHash: presentedHash, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (!claimed) {
      const known = await this.tx.refreshToken.findUnique({ where: { tokenHash: presentedHash } });
      if (!known?.usedAt) return { kind: 'invalid' };
      if (graceSince && known.usedAt >= graceSince && !known.revokedAt && known.expiresAt > now) {
        await this.tx.refreshToken.create({ data: { ...successor, familyId: known.familyId, userId: known.userId } });
        return { kind: 'rotated', userId: known.userId, familyId: known.familyId };
      }
      await this.revoke({ familyId: known.familyId }, known.userId, known.familyId, now, 'REUSE_DETECTED');
      return { kind: 'reused' };
    }
    await this.tx.refreshToken.create({ data: { ...successor, familyId: claimed.familyId, userId: claimed.userId } });
    return { kind: 'rotated', userId: claimed.userId, familyId: claimed.familyId };
  }

  async revokeFamilyOf(presentedHash: string, now: Date): Promise<boolean> {
    const token = await this.tx.refreshToken.findUnique({ where: { tokenHash: presentedHash } });
    if (!token) return false;
    await this.revoke({ familyId: token.familyId }, token.userId, token.familyId, now, 'LOGOUT');
    return true;
  }

  async revokeFamily(familyId: string, now: Date, reason: SessionRevocationReason): Promise<void> {
    const token = await this.tx.refreshToken.findFirst({ where: { familyId }, select: { userId: true } });
    if (token) await this.revoke({ familyId }, token.userId, familyId, now, reason);
  }

  async revokeUserSessions(userId: string, now: Date, reason: SessionRevocationReason, keepFamilyId?: string): Promise<number> {
    return this.revoke({ userId, familyId: keepFamilyId ? { not: keepFamilyId } : undefined }, userId, undefined, now, reason);
  }

  async revokeSessionOf(userId: string, familyId: string, now: Date, reason: SessionRevocationReason): Promise<boolean> {
    const token = await this.tx.refreshToken.findFirst({ where: { familyId, userId }, select: { id: true } });
    if (!token) return false;
    await this.revoke({ familyId, userId }, userId, familyId, now, reason);
    return true;
  }

  /**
   * Revokes the live tokens matching `where` and, if any were live, records one SessionRevoked; the number
   * of sessions (families) that had a live token.
   */
  private async revoke(
    where: { familyId?: string | { not: string }; userId?: string },
    userId: string,
    sessionId: string | undefined,
    now: Date,
    reason: SessionRevocationReason,
  ): Promise<number> {
    const revoked = await this.tx.refreshToken.updateManyAndReturn({ where: { ...where, revokedAt: null }, data: { revokedAt: now }, select: { familyId: true } });
    if (revoked.length > 0) this.events.record({ type: 'SessionRevoked', targetId: userId, sessionId, reason }, this.subject);
    return new Set(revoked.map((token) => token.familyId)).size;
  }
}
