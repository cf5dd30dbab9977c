import { SessionRevocationReason } from '../events/domain-event';
import { Tenant } from '../tenant/tenant';

export interface NewRefreshToken {
  id: string;
  familyId: string;
  userId: string;
  tokenHash: string;
  expiresAt: Date;
}

/** Outcome of presenting a refresh token for rotation. */
export type RotationResult =
  | { kind: 'rotated'; userId: string; familyId: string }
  /** The token was already used: its whole family has been revoked (reuse detection). */
  | { kind: 'reused' }
  | { kind: 'invalid' };

/**
 * Port: refresh tokens of a tenant, stored only as hashes, grouped in families (one per login). Every
 * revocation records a SessionRevoked event in the same transaction.
 */
export interface RefreshTokenStore {
  create(tenant: Tenant, token: NewRefreshToken): Promise<void>;
  /**
   * Atomically marks the presented token used and stores its successor in the same family. A token that
   * was already used revokes its family instead (REUSE_DETECTED). Exactly one of concurrent rotations of
   * one token wins.
   */
  rotate(tenant: Tenant, presentedHash: string, successor: Omit<NewRefreshToken, 'familyId' | 'userId'>, now: Date): Promise<RotationResult>;
  /** Revokes the family of the presented token (a logout); false if no such token exists. */
  revokeFamilyOf(tenant: Tenant, presentedHash: string, now: Date): Promise<boolean>;
  revokeFamily(tenant: Tenant, familyId: string, now: Date, reason: SessionRevocationReason): Promise<void>;
  /** Revokes every session of the user except `keepFamilyId`. */
  revokeUserSessions(tenant: Tenant, userId: string, now: Date, reason: SessionRevocationReason, keepFamilyId?: string): Promise<void>;
}
