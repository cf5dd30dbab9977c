import { SessionRevocationReason } from '../events/domain-event';
import { RequestOrigin } from '../shared/request-origin';
import { Tenant } from '../tenant/tenant';

/** Where a session lives: a tenant's database (tenant users) or the master (platform super-admins). */
export type SessionScope = Tenant | 'platform';

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
 * Port: the sessions (refresh token families) of one database inside a unit of work. Every revocation
 * that ends a live session records a SessionRevoked event, written and published with the unit.
 */
export interface SessionWrites {
  /** See RefreshTokenStore.rotate. */
  rotate(presentedHash: string, successor: Omit<NewRefreshToken, 'familyId' | 'userId'>, now: Date): Promise<RotationResult>;
  /** Revokes the family of the presented token (a logout); false if no such token exists. */
  revokeFamilyOf(presentedHash: string, now: Date): Promise<boolean>;
  revokeFamily(familyId: string, now: Date, reason: SessionRevocationReason): Promise<void>;
  /** Revokes every session of the user except `keepFamilyId`. */
  revokeUserSessions(userId: string, now: Date, reason: SessionRevocationReason, keepFamilyId?: string): Promise<void>;
}

/**
 * Port: refresh tokens of a tenant, stored only as hashes, grouped in families (one per login), each call
 * its own unit of work. Every revocation records a SessionRevoked event in the same transaction.
 */
export interface RefreshTokenStore {
  create(scope: SessionScope, token: NewRefreshToken): Promise<void>;
  /**
   * Atomically marks the presented token used and stores its successor in the same family. A token that
   * was already used revokes its family instead (REUSE_DETECTED). Exactly one of concurrent rotations of
   * one token wins.
   */
  rotate(scope: SessionScope, presentedHash: string, successor: Omit<NewRefreshToken, 'familyId' | 'userId'>, now: Date, origin: RequestOrigin): Promise<RotationResult>;
  /** Revokes the family of the presented token (a logout); false if no such token exists. */
  revokeFamilyOf(scope: SessionScope, presentedHash: string, now: Date, origin: RequestOrigin): Promise<boolean>;
  revokeFamily(scope: SessionScope, familyId: string, now: Date, reason: SessionRevocationReason, origin: RequestOrigin): Promise<void>;
  /** Revokes every session of the user except `keepFamilyId`. */
  revokeUserSessions(scope: SessionScope, userId: string, now: Date, reason: SessionRevocationReason, origin: RequestOrigin, keepFamilyId?: string): Promise<void>;
}
