import { EventSubject } from '../../application/shared/after-commit-effects';
import { Invitation, InvitationWrites, NewInvitation } from '../../domain/user/invitation';
import { TenantTx } from './prisma-user-writes';
import { UnitEvents } from './unit-events';

interface InvitationRow {
  id: string;
  email: string;
  name: string;
  role: Invitation['role'];
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

const fromRow = (r: InvitationRow): Invitation => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  invitedBy: r.invitedBy,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
  acceptedAt: r.acceptedAt,
  revokedAt: r.revokedAt,
});

/** The invitations of one tenant database inside a unit of work's transaction. */
export class PrismaInvitationWrites implements InvitationWrites {
  constructor(
    private readonly tx: TenantTx,
    private readonly subject: EventSubject,
    private readonly events: UnitEvents,
  ) {}

  async create(invitation: NewInvitation, now: Date): Promise<Invitation> {
    const superseded = await this.tx.invitation.updateManyAndReturn({
      where: { emailNormalized: invitation.emailNormalized, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
    });
    for (const old of superseded) this.events.record({ type: 'InvitationRevoked', targetId: old.id }, this.subject);
    const row = await this.tx.invitation.create({ data: { ...invitation, createdAt: now } });
    this.events.record({ type: 'UserInvited', targetId: row.id, email: row.email, role: row.role }, this.subject);
    return fromRow(row);
  }

  async findByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
    const locked = await this.tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM invitations WHERE token_hash = ${tokenHash} FOR UPDATE`;
    if (locked.length === 0) return undefined;
    const row = await this.tx.invitation.findUnique({ where: { id: locked[0].id } });
    return row ? fromRow(row) : undefined;
  }

  async markAccepted(id: string, userId: string, now: Date): Promise<void> {
    await this.tx.invitation.update({ where: { id }, data: { acceptedAt: now, userId } });
  }

  async revoke(id: string, now: Date): Promise<Invitation | undefined> {
    const [revoked] = await this.tx.invitation.updateManyAndReturn({ where: { id, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    if (revoked) {
      this.events.record({ type: 'InvitationRevoked', targetId: id }, this.subject);
      return fromRow(revoked);
    }
    const row = await this.tx.invitation.findUnique({ where: { id } });
    return row ? fromRow(row) : undefined;
  }

  async list(args: { beforeId?: string; limit: number }): Promise<Invitation[]> {
    const rows = await this.tx.invitation.findMany({ where: args.beforeId ? { id: { lt: args.beforeId } } : {}, orderBy: { id: 'desc' }, take: args.limit });
    return rows.map(fromRow);
  }
}
