import { RevokedSessions, SessionOwnerScope } from '../../application/auth/revoked-sessions';
import { Clock } from '../../application/shared/clock';
import { cacheKey, CacheKey, ReadCache } from '../../application/shared/cache';
import { RefreshTokenStore, SessionScope } from '../../domain/auth/refresh-token-store';
import { KeyMemo } from './key-memo';

/**
 * Revoked sessions by user through the tiered cache: one entry per user, the ids of the sessions revoked in
 * the last access-token lifetime (plus a margin for clock skew). An older revocation needs no entry: every
 * access token of that session has expired. A hit is an in-process lookup; a miss reads the refresh tokens
 * of that one user (by index). Each revocation's SessionRevoked drops the entry on every replica.
 */
export class CachedRevokedSessions implements RevokedSessions {
  /** One Set per cached list, so a hit allocates nothing and tests membership in constant time. */
  private readonly sets = new WeakMap<object, ReadonlySet<string>>();
  /** Every call of a signed-in person is checked here: the key is made once per user (key-memo.ts). */
  private readonly keys = new KeyMemo(key);

  constructor(
    private readonly cache: ReadCache,
    private readonly store: Pick<RefreshTokenStore, 'revokedSessionIds'>,
    private readonly clock: Clock,
    /** How long an access token lives: revocations older than this (plus the margin) are not listed. */
    private readonly accessTokenTtlSeconds: number,
  ) {}

  async isRevoked(scope: SessionScope, userId: string, sessionId: string): Promise<boolean> {
    const ids = await this.cache.getOrLoad<readonly string[]>(this.keys.key(scope === 'platform' ? 'platform' : scope.id, userId), async () => {
      const since = new Date(this.clock.now().getTime() - (this.accessTokenTtlSeconds + CLOCK_MARGIN_SECONDS) * 1000);
      return this.store.revokedSessionIds(scope, userId, since);
    });
    return this.contains(ids, sessionId);
  }

  isRevokedInMemory(scope: SessionScope, userId: string, sessionId: string): boolean | undefined {
    const ids = this.cache.peek<readonly string[]>(this.keys.key(scope === 'platform' ? 'platform' : scope.id, userId));
    return ids === undefined ? undefined : this.contains(ids, sessionId);
  }

  private contains(ids: readonly string[] | null, sessionId: string): boolean {
    if (!ids || ids.length === 0) return false;
    let set = this.sets.get(ids);
    if (!set) {
      set = new Set(ids);
      this.sets.set(ids, set);
    }
    return set.has(sessionId);
  }

  invalidate(scope: SessionOwnerScope, userId: string): Promise<void> {
    return this.cache.invalidate(key(scope, userId));
  }
}

/** More than the verifier's clock tolerance (5 s), so a token still accepted is never past the window. */
const CLOCK_MARGIN_SECONDS = 60;

function key(scope: SessionOwnerScope, userId: string): CacheKey {
  return scope === 'platform' ? cacheKey('platform', 'admin', userId, 'revoked-sessions') : cacheKey('tenant', scope, 'revoked-sessions', userId);
}
