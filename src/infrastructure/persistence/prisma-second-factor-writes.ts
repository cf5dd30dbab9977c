import { EventSubject } from '../../application/shared/after-commit-effects';
import { SecondFactorWrites } from '../../domain/auth/second-factor-store';
import { SecretBox } from '../crypto/secret-box';
import { TenantTx } from './prisma-user-writes';
import { UnitEvents } from './unit-events';

/**
 * Second-factor changes inside a unit of work, on the tenant's `second_factors` or (subject undefined) the
 * master's `platform_second_factors` (the same columns). Each change is one statement; the ones that must
 * happen once are conditional, so of concurrent units only one finds its condition true. Records the audit
 * events; never with a secret or a code.
 */
export class PrismaSecondFactorWrites implements SecondFactorWrites {
  constructor(
    private readonly tx: TenantTx,
    private readonly subject: EventSubject | undefined,
    private readonly events: UnitEvents,
    private readonly box: SecretBox,
  ) {}

  private get table(): string {
    return this.subject ? 'second_factors' : 'platform_second_factors';
  }

  async beginEnrollment(userId: string, secret: string): Promise<boolean> {
    // One statement: insert, or restart an enrollment still pending; a confirmed factor is left alone (0 rows).
    const count = await this.tx.$executeRawUnsafe(
      `INSERT INTO "${this.table}" (user_id, secret) VALUES ($1::uuid, $2) ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, last_step = 0, recovery_code_hashes = '{}' WHERE "${this.table}".confirmed_at IS NULL`,
      userId,
      this.box.seal(secret, userId),
    );
    return count === 1;
  }

  async confirm(userId: string, secret: string, step: number, recoveryCodeHashes: string[], now: Date): Promise<boolean> {
    // Sealed values differ at every seal, so the pending secret is compared opened, under the row's lock: a
    // concurrent confirmation or restart waits, and then sees this one's outcome.
    const [pending] = await this.tx.$queryRawUnsafe<Array<{ secret: string }>>(`SELECT secret FROM "${this.table}" WHERE user_id = $1::uuid AND confirmed_at IS NULL FOR UPDATE`, userId);
    if (!pending || this.box.open(pending.secret, userId) !== secret) return false;
    const { count } = await this.tx.secondFactor.updateMany({
      where: { userId, secret: pending.secret, confirmedAt: null },
      data: { confirmedAt: now, lastStep: BigInt(step), recoveryCodeHashes },
    });
    if (count === 1) this.events.record({ type: 'SecondFactorEnabled', targetId: userId }, this.subject);
    return count === 1;
  }

  async acceptStep(userId: string, step: number): Promise<boolean> {
    const [accepted] = await this.tx.secondFactor.updateManyAndReturn({
      where: { userId, confirmedAt: { not: null }, lastStep: { lt: BigInt(step) } },
      data: { lastStep: BigInt(step) },
      select: { secret: true },
    });
    if (!accepted) return false;
    // A secret stored before encryption (plain base32) is sealed on its first use; the row is locked already.
    if (!SecretBox.isSealed(accepted.secret)) {
      await this.tx.secondFactor.updateMany({ where: { userId, secret: accepted.secret }, data: { secret: this.box.seal(accepted.secret, userId) } });
    }
    return true;
  }

  async useRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
    // One statement: of concurrent uses of one code, exactly one removes it.
    const rows = await this.tx.$queryRawUnsafe<Array<{ remaining: number }>>(
      `UPDATE "${this.table}" SET recovery_code_hashes = array_remove(recovery_code_hashes, $2::varchar) WHERE user_id = $1::uuid AND confirmed_at IS NOT NULL AND $2::varchar = ANY(recovery_code_hashes) RETURNING cardinality(recovery_code_hashes) AS remaining`,
      userId,
      codeHash,
    );
    if (rows.length !== 1) return false;
    this.events.record({ type: 'RecoveryCodeUsed', targetId: userId, remaining: Number(rows[0].remaining) }, this.subject);
    return true;
  }

  async remove(userId: string): Promise<boolean> {
    const [removed] = await this.tx.$queryRawUnsafe<Array<{ confirmed: boolean }>>(`DELETE FROM "${this.table}" WHERE user_id = $1::uuid RETURNING confirmed_at IS NOT NULL AS confirmed`, userId);
    if (!removed) return false;
    if (removed.confirmed) this.events.record({ type: 'SecondFactorDisabled', targetId: userId }, this.subject);
    return true;
  }
}
