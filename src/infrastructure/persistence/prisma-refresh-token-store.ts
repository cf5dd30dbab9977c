import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { NewRefreshToken, RefreshTokenStore, RotationResult } from '../../domain/auth/refresh-token-store';
import { SessionRevocationReason } from '../../domain/events/domain-event';
import { Tenant } from '../../domain/tenant/tenant';
import { Outbox } from '../outbox/outbox';
import { scopeOf } from '../outbox/event-scope';
import { TenantClientManager, TenantPrisma } from '../tenancy/tenant-client-manager';

type Tx = Parameters<Parameters<TenantPrisma['$transaction']>[0]>[0];

@injectable()
export class PrismaRefreshTokenStore implements RefreshTokenStore {
  constructor(
    @inject(TOKENS.TenantClients) private readonly clients: TenantClientManager,
    @inject(TOKENS.Outbox) private readonly outbox: Outbox,
  ) {}

  async create(tenant: Tenant, token: NewRefreshToken): Promise<void> {
    await this.clients.use(tenant, (db) => db.refreshToken.create({ data: token }));
  }

  async rotate(tenant: Tenant, presentedHash: string, successor: Omit<NewRefreshToken, 'familyId' | 'userId'>, now: Date): Promise<RotationResult> {
    const result = await this.clients.use(tenant, (db) =>
      db.$transaction(async (tx): Promise<RotationResult> => {
        // One conditional UPDATE ... RETURNING: the row lock makes exactly one concurrent rotation win;
        // the others find the token used, and are treated as reuse.
        const [claimed] = await tx.refreshToken.updateManyAndReturn({
          where: { tokenHash: presentedHash, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
          data: { usedAt: now },
        });
        if (!claimed) {
          const known = await tx.refreshToken.findUnique({ where: { tokenHash: presentedHash } });
          if (!known?.usedAt) return { kind: 'invalid' };
          await this.revoke(tx, tenant, { familyId: known.familyId }, known.userId, known.familyId, now, 'REUSE_DETECTED');
          return { kind: 'reused' };
        }
        await tx.refreshToken.create({ data: { ...successor, familyId: claimed.familyId, userId: claimed.userId } });
        return { kind: 'rotated', userId: claimed.userId, familyId: claimed.familyId };
      }),
    );
    if (result.kind === 'reused') this.outbox.committed(tenant);
    return result;
  }

  async revokeFamilyOf(tenant: Tenant, presentedHash: string, now: Date): Promise<boolean> {
    const found = await this.clients.use(tenant, (db) =>
      db.$transaction(async (tx) => {
        const token = await tx.refreshToken.findUnique({ where: { tokenHash: presentedHash } });
        if (!token) return false;
        await this.revoke(tx, tenant, { familyId: token.familyId }, token.userId, token.familyId, now, 'LOGOUT');
        return true;
      }),
    );
    if (found) this.outbox.committed(tenant);
    return found;
  }

  async revokeFamily(tenant: Tenant, familyId: string, now: Date, reason: SessionRevocationReason): Promise<void> {
    await this.clients.use(tenant, (db) =>
      db.$transaction(async (tx) => {
        const token = await tx.refreshToken.findFirst({ where: { familyId }, select: { userId: true } });
        if (token) await this.revoke(tx, tenant, { familyId }, token.userId, familyId, now, reason);
      }),
    );
    this.outbox.committed(tenant);
  }

  async revokeUserSessions(tenant: Tenant, userId: string, now: Date, reason: SessionRevocationReason, keepFamilyId?: string): Promise<void> {
    await this.clients.use(tenant, (db) =>
      db.$transaction((tx) => this.revoke(tx, tenant, { userId, familyId: keepFamilyId ? { not: keepFamilyId } : undefined }, userId, undefined, now, reason)),
    );
    this.outbox.committed(tenant);
  }

  /** Revokes the live tokens matching `where` and, if any were live, records one SessionRevoked. */
  private async revoke(
    tx: Tx,
    tenant: Tenant,
    where: { familyId?: string | { not: string }; userId?: string },
    userId: string,
    sessionId: string | undefined,
    now: Date,
    reason: SessionRevocationReason,
  ): Promise<void> {
    const { count } = await tx.refreshToken.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now } });
    if (count > 0) await this.outbox.append(tx, scopeOf(tenant), [{ type: 'SessionRevoked', targetId: userId, sessionId, reason }]);
  }
}
