import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { NewRefreshToken, RefreshTokenStore, RotationResult } from '../../domain/auth/refresh-token-store';
import { Tenant } from '../../domain/tenant/tenant';
import { TenantClientManager } from '../tenancy/tenant-client-manager';

@injectable()
export class PrismaRefreshTokenStore implements RefreshTokenStore {
  constructor(@inject(TOKENS.TenantClients) private readonly clients: TenantClientManager) {}

  async create(tenant: Tenant, token: NewRefreshToken): Promise<void> {
    await this.clients.use(tenant, (db) => db.refreshToken.create({ data: token }));
  }

  rotate(tenant: Tenant, presentedHash: string, successor: Omit<NewRefreshToken, 'familyId' | 'userId'>, now: Date): Promise<RotationResult> {
    return this.clients.use(tenant, (db) =>
      db.$transaction(async (tx) => {
        // One conditional UPDATE ... RETURNING: the row lock makes exactly one concurrent rotation win;
        // the others find the token used, and are treated as reuse.
        const [claimed] = await tx.refreshToken.updateManyAndReturn({
          where: { tokenHash: presentedHash, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
          data: { usedAt: now },
        });
        if (!claimed) {
          const known = await tx.refreshToken.findUnique({ where: { tokenHash: presentedHash } });
          if (!known?.usedAt) return { kind: 'invalid' } as const;
          await tx.refreshToken.updateMany({ where: { familyId: known.familyId, revokedAt: null }, data: { revokedAt: now } });
          return { kind: 'reused' } as const;
        }
        await tx.refreshToken.create({ data: { ...successor, familyId: claimed.familyId, userId: claimed.userId } });
        return { kind: 'rotated', userId: claimed.userId, familyId: claimed.familyId } as const;
      }),
    );
  }

  revokeFamilyOf(tenant: Tenant, presentedHash: string, now: Date): Promise<boolean> {
    return this.clients.use(tenant, async (db) => {
      const token = await db.refreshToken.findUnique({ where: { tokenHash: presentedHash } });
      if (!token) return false;
      await db.refreshToken.updateMany({ where: { familyId: token.familyId, revokedAt: null }, data: { revokedAt: now } });
      return true;
    });
  }

  async revokeFamily(tenant: Tenant, familyId: string, now: Date): Promise<void> {
    await this.clients.use(tenant, (db) => db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: now } }));
  }

  async revokeUserSessions(tenant: Tenant, userId: string, now: Date, keepFamilyId?: string): Promise<void> {
    await this.clients.use(tenant, (db) =>
      db.refreshToken.updateMany({
        where: { userId, revokedAt: null, familyId: keepFamilyId ? { not: keepFamilyId } : undefined },
        data: { revokedAt: now },
      }),
    );
  }
}
