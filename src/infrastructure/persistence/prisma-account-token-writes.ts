import { EventSubject } from '../../application/shared/after-commit-effects';
import { AccountTokenPurpose, AccountTokenState, AccountTokenWrites, NewAccountToken } from '../../domain/auth/account-token';
import { TenantTx } from './prisma-user-writes';
import { UnitEvents } from './unit-events';

/** One-time tokens of a tenant's users inside a unit of work's transaction. */
export class PrismaAccountTokenWrites implements AccountTokenWrites {
  constructor(
    private readonly tx: TenantTx,
    private readonly subject: EventSubject,
    private readonly events: UnitEvents,
  ) {}

  async issue(token: NewAccountToken, now: Date): Promise<void> {
    await this.tx.accountToken.updateMany({
      where: { userId: token.userId, purpose: token.purpose, usedAt: null, supersededAt: null },
      data: { supersededAt: now },
    });
    await this.tx.accountToken.create({ data: { ...token, createdAt: now } });
    // The event says that a reset was requested, never with what.
    if (token.purpose === 'PASSWORD_RESET') this.events.record({ type: 'PasswordResetRequested', targetId: token.userId }, this.subject);
  }

  async supersedeAll(userId: string, now: Date): Promise<void> {
    await this.tx.accountToken.updateMany({ where: { userId, usedAt: null, supersededAt: null }, data: { supersededAt: now } });
  }

  async inspect(purpose: AccountTokenPurpose, tokenHash: string, now: Date): Promise<AccountTokenState> {
    const row = await this.tx.accountToken.findUnique({ where: { tokenHash } });
    if (!row || row.purpose !== purpose) return { kind: 'unknown' };
    if (row.usedAt) return { kind: 'used' };
    if (row.supersededAt) return { kind: 'superseded' };
    if (row.expiresAt <= now) return { kind: 'expired' };
    return { kind: 'live', userId: row.userId };
  }

  async claim(purpose: AccountTokenPurpose, tokenHash: string, now: Date): Promise<AccountTokenState> {
    // One conditional UPDATE ... RETURNING: the row lock makes exactly one concurrent claim win.
    const [claimed] = await this.tx.accountToken.updateManyAndReturn({
      where: { tokenHash, purpose, usedAt: null, supersededAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed) return { kind: 'live', userId: claimed.userId };
    return this.inspect(purpose, tokenHash, now);
  }
}
