import { SessionScope } from '../../domain/auth/refresh-token-store';

/** Where a session lives, as a cache-key part: the tenant's id, or 'platform' for super-admins. */
export type SessionOwnerScope = string;

/**
 * Port: which sessions of a user were revoked recently enough that their access tokens may still be
 * unexpired. Read on every authenticated call through the tiered cache (an in-process hit on the hot path,
 * no database read); every revocation invalidates the user's entry on every replica after commit.
 */
export interface RevokedSessions {
  /** True if `sessionId` of the user was revoked: its access tokens must be refused. */
  isRevoked(scope: SessionScope, userId: string, sessionId: string): Promise<boolean>;
  /** The same answer when this process holds the user's list in memory, without waiting; else undefined. */
  isRevokedInMemory(scope: SessionScope, userId: string, sessionId: string): boolean | undefined;
  /** Forgets the cached list of the user (after a revocation commits), on every replica. */
  invalidate(scope: SessionOwnerScope, userId: string): Promise<void>;
}
