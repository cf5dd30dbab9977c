import { inject, injectable } from 'inversify';
import { UnitOfWork } from '../../application/shared/unit-of-work';
import { TOKENS } from '../../di/tokens';
import { NewRefreshToken, RefreshTokenStore, RotationResult, SessionScope, SessionSummary } from '../../domain/auth/refresh-token-store';
import { SessionRevocationReason } from '../../domain/events/domain-event';
import { SessionWrites } from '../../domain/auth/refresh-token-store';
import { RequestOrigin } from '../../domain/shared/request-origin';
import { MasterPrisma } from '../prisma/master-prisma';
import { TenantClientManager } from '../tenancy/tenant-client-manager';
import { PrismaSessionReads } from './prisma-session-reads';

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
  ) {
    this.reads = new PrismaSessionReads(clients, master);
  }

  private readonly reads: PrismaSessionReads;

  async create(scope: SessionScope, token: NewRefreshToken): Promise<void> {
    // One INSERT is atomic by itself: no interactive transaction (BEGIN and COMMIT are two more round trips
    // and most of Prisma's cost of a sign-in's writes).
    if (scope === 'platform') await this.master.refreshToken.create({ data: token });
    else await this.clients.use(scope, (db) => db.refreshToken.create({ data: token }));
  }

  rotate(scope: SessionScope, presentedHash: string, successor: Omit<NewRefreshToken, 'familyId' | 'userId'>, now: Date, origin: RequestOrigin, graceSince?: Date): Promise<RotationResult> {
    return this.inUnit(scope, origin, (sessions) => sessions.rotate(presentedHash, successor, now, graceSince));
  }

  revokeFamilyOf(scope: SessionScope, presentedHash: string, now: Date, origin: RequestOrigin): Promise<boolean> {
    return this.inUnit(scope, origin, (sessions) => sessions.revokeFamilyOf(presentedHash, now));
  }

  revokeFamily(scope: SessionScope, familyId: string, now: Date, reason: SessionRevocationReason, origin: RequestOrigin): Promise<void> {
    return this.inUnit(scope, origin, (sessions) => sessions.revokeFamily(familyId, now, reason));
  }

  revokeUserSessions(scope: SessionScope, userId: string, now: Date, reason: SessionRevocationReason, origin: RequestOrigin, keepFamilyId?: string): Promise<number> {
    return this.inUnit(scope, origin, (sessions) => sessions.revokeUserSessions(userId, now, reason, keepFamilyId));
  }

  revokeSessionOf(scope: SessionScope, userId: string, familyId: string, now: Date, reason: SessionRevocationReason, origin: RequestOrigin): Promise<boolean> {
    return this.inUnit(scope, origin, (sessions) => sessions.revokeSessionOf(userId, familyId, now, reason));
  }

  listSessions(scope: SessionScope, userId: string, now: Date): Promise<SessionSummary[]> {
    return this.reads.listSessions(scope, userId, now);
  }

  revokedSessionIds(scope: SessionScope, userId: string, since: Date): Promise<string[]> {
    return this.reads.revokedSessionIds(scope, userId, since);
  }

  private inUnit<T>(scope: SessionScope, origin: RequestOrigin, work: (sessions: SessionWrites) => Promise<T>): Promise<T> {
    if (scope === 'platform') return this.units.run('platform', origin, (unit) => work(unit.sessions));
    return this.units.run(scope, origin, (unit) => work(unit.sessions));
  }
}
