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
  /** The client of the request that issued the token (sign-in or refresh), shown by the session list. */
  userAgent?: string;
  callerAddress?: string;
}

/** A live session (refresh token family) as its owner and tenant admins see it. */
export interface SessionSummary {
  id: string;
  createdAt: Date;
  /** The last sign-in or refresh (the issue time of the current refresh token). */
  lastUsedAt: Date;
  userAgent?: string;
  callerAddress?: string;
  /** When the current refresh token expires. */
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
  /** Starts a session: the first refresh token of a new family. */
  create(token: NewRefreshToken): Promise<void>;
  /** See RefreshTokenStore.rotate. */
  rotate(presentedHash: string, successor: Omit<NewRefreshToken, 'familyId' | 'userId'>, now: Date, graceSince?: Date): Promise<RotationResult>;
  /** Revokes the family of the presented token (a logout); false if no such token exists. */
  revokeFamilyOf(presentedHash: string, now: Date): Promise<boolean>;
  revokeFamily(familyId: string, now: Date, reason: SessionRevocationReason): Promise<void>;
  /** Revokes every session of the user except `keepFamilyId`; how many live sessions were ended. */
  revokeUserSessions(userId: string, now: Date, reason: SessionRevocationReason, keepFamilyId?: string): Promise<number>;
  /** Revokes the session `familyId` if it belongs to `userId`; false if the user has no such session. */
  revokeSessionOf(userId: string, familyId: string, now: Date, reason: SessionRevocationReason): Promise<boolean>;
}

/**
 * Port: refresh tokens of a tenant, stored only as hashes, grouped in families (one per login), each call
 * its own unit of work. Every revocation records a SessionRevoked event in the same transaction.
 */
export interface RefreshTokenStore {
  create(scope: SessionScope, token: NewRefreshToken): Promise<void>;
  /**
   * Atomically marks the presented token used and stores its successor in the same family. A token that
   * was already used revokes its family instead (REUSE_DETECTED), unless it was used at or after
   * `graceSince` and its session is live: then it gets another successor in the same family (the reuse
   * grace). Without a grace, exactly one of concurrent rotations of one token wins.
   */
  rotate(scope: SessionScope, presentedHash: string, successor: Omit<NewRefreshToken, 'familyId' | 'userId'>, now: Date, origin: RequestOrigin, graceSince?: Date): Promise<RotationResult>;
  /** Revokes the family of the presented token (a logout); false if no such token exists. */
  revokeFamilyOf(scope: SessionScope, presentedHash: string, now: Date, origin: RequestOrigin): Promise<boolean>;
  revokeFamily(scope: SessionScope, familyId: string, now: Date, reason: SessionRevocationReason, origin: RequestOrigin): Promise<void>;
  /** Revokes every session of the user except `keepFamilyId`; how many live sessions were ended. */
  revokeUserSessions(scope: SessionScope, userId: string, now: Date, reason: SessionRevocationReason, origin: RequestOrigin, keepFamilyId?: string): Promise<number>;
  /** Revokes the session `familyId` if it belongs to `userId`; false if the user has no such session. */
  revokeSessionOf(scope: SessionScope, userId: string, familyId: string, now: Date, reason: SessionRevocationReason, origin: RequestOrigin): Promise<boolean>;
  /** The user's live sessions (a current refresh token neither used, revoked nor expired), newest first. */
  listSessions(scope: SessionScope, userId: string, now: Date): Promise<SessionSummary[]>;
  /**
   * Ids of the user's sessions revoked after `since`: the sessions whose access tokens may still be
   * unexpired and must be refused (read by the revoked-session check through the cache).
   */
  revokedSessionIds(scope: SessionScope, userId: string, since: Date): Promise<string[]>;
}
