import { TenantRole } from './user-attributes';

export type InvitationState = 'PENDING' | 'ACCEPTED' | 'REVOKED' | 'EXPIRED';

/** An invitation as stored (without its token hash). */
export interface Invitation {
  id: string;
  email: string;
  name: string;
  role: TenantRole;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewInvitation {
  id: string;
  email: string;
  emailNormalized: string;
  name: string;
  role: TenantRole;
  /** SHA-256 of the mailed token. */
  tokenHash: string;
  invitedBy: string | null;
  expiresAt: Date;
}

export function invitationState(invitation: Invitation, now: Date): InvitationState {
  if (invitation.acceptedAt) return 'ACCEPTED';
  if (invitation.revokedAt) return 'REVOKED';
  if (invitation.expiresAt <= now) return 'EXPIRED';
  return 'PENDING';
}

/**
 * Port: the invitations of one tenant database inside a unit of work. Creating one revokes the pending
 * invitations of the same address and records UserInvited (and InvitationRevoked for each one revoked);
 * `revoke` records InvitationRevoked. The token is never stored or recorded, only its hash.
 */
export interface InvitationWrites {
  create(invitation: NewInvitation, now: Date): Promise<Invitation>;
  /** The invitation with this token hash, locked until the unit ends. */
  findByTokenHash(tokenHash: string): Promise<Invitation | undefined>;
  markAccepted(id: string, userId: string, now: Date): Promise<void>;
  /** Revokes a pending invitation; answers the invitation as it is after (undefined: no such id). */
  revoke(id: string, now: Date): Promise<Invitation | undefined>;
  /** Newest first, ids below `beforeId`. */
  list(args: { beforeId?: string; limit: number }): Promise<Invitation[]>;
}
