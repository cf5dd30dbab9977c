import { RevokedSessions } from '../../../src/application/auth/revoked-sessions';
import { Principal } from '../../../src/domain/auth/principal';
import { SessionScope } from '../../../src/domain/auth/refresh-token-store';
import { DomainError } from '../../../src/domain/shared/domain-error';
import { CachedRevokedSessions } from '../../../src/infrastructure/cache/cached-revoked-sessions';
import { createTieredCache } from '../../../src/infrastructure/cache/create-tiered-cache';
import { CallContext } from '../../../src/interface/grpc/call-context';
import { revokedSessionCheck } from '../../../src/interface/grpc/interceptors/revoked-session.check';
import { Metadata } from '@grpc/grpc-js';
import { TenantMother } from '../support/mothers';
import { RecordingLogger } from '../support/recording-logger';

/**
 * The per-call check of ended sessions, and the cached list it reads: which sessions count as ended, what a
 * refusal answers, and that one invalidation is what makes a newly ended session count.
 */
const acme = TenantMother.active({ slug: 'acme' });
const policy = { public: false, roles: new Set(['OWNER', 'ADMIN', 'MEMBER', 'SUPER_ADMIN'] as const), tenantScope: 'OPTIONAL' as const };

/** Sessions ended per `<scope>/<user>`, with the reads counted. */
class FakeStore {
  readonly revoked = new Map<string, Array<{ id: string; at: Date }>>();
  reads = 0;
  async revokedSessionIds(scope: SessionScope, userId: string, since: Date): Promise<string[]> {
    this.reads += 1;
    const key = `${scope === 'platform' ? 'platform' : scope.id}/${userId}`;
    return (this.revoked.get(key) ?? []).filter((s) => s.at > since).map((s) => s.id);
  }
  end(scope: string, userId: string, id: string, at: Date): void {
    this.revoked.set(`${scope}/${userId}`, [...(this.revoked.get(`${scope}/${userId}`) ?? []), { id, at }]);
  }
}

const now = new Date('2026-12-01T12:00:00Z');
function setUp() {
  const store = new FakeStore();
  const cache = createTieredCache({ l1TtlSeconds: 60, l2TtlSeconds: 600, negativeTtlSeconds: 60, instanceId: 'unit', logger: new RecordingLogger() });
  const sessions = new CachedRevokedSessions(cache, store, { now: () => now }, 900);
  return { store, cache, sessions, check: revokedSessionCheck(sessions) };
}

async function run(check: ReturnType<typeof revokedSessionCheck>, principal: Principal | undefined, withTenant = true): Promise<DomainError | 'passed'> {
  const tenant = withTenant && principal?.tenantId ? acme : undefined;
  const context = { requestId: 'r', method: 'm', peer: 'p', logger: new RecordingLogger(), policy, principal, tenant } as unknown as CallContext & { policy: NonNullable<CallContext['policy']> };
  try {
    await check(context, new Metadata());
    return 'passed';
  } catch (error) {
    return error as DomainError;
  }
}

const user = (sessionId: string | undefined): Principal => ({ subject: 'u1', role: 'MEMBER', tenantId: acme.id, sessionId });
const admin = (sessionId: string): Principal => ({ subject: 'a1', role: 'SUPER_ADMIN', sessionId });

test('a session ended within the access-token lifetime is refused with UNAUTHENTICATED SESSION_REVOKED; others pass', async () => {
  const { store, cache, check } = setUp();
  store.end(acme.id, 'u1', 's-ended', new Date(now.getTime() - 60_000));
  const refused = await run(check, user('s-ended'));
  expect(refused).toBeInstanceOf(DomainError);
  expect(refused).toMatchObject({ reason: 'SESSION_REVOKED' });
  expect((refused as DomainError).kind).toBe('UNAUTHENTICATED');
  expect((refused as DomainError).message).toBe('the session of this access token has been ended; sign in again');
  expect(await run(check, user('s-live'))).toBe('passed');
  await cache.close();
});

test('a session ended longer ago than the access-token lifetime plus the margin is not listed (its tokens have expired)', async () => {
  const { store, cache, sessions } = setUp();
  store.end(acme.id, 'u1', 's-old', new Date(now.getTime() - (900 + 61) * 1000));
  store.end(acme.id, 'u1', 's-recent', new Date(now.getTime() - (900 + 59) * 1000));
  expect(await sessions.isRevoked(acme, 'u1', 's-old')).toBe(false);
  expect(await sessions.isRevoked(acme, 'u1', 's-recent')).toBe(true);
  await cache.close();
});

test('the list is read once and then served from memory; a session ended later counts only after the invalidation', async () => {
  const { store, cache, sessions, check } = setUp();
  for (let i = 0; i < 5; i += 1) expect(await run(check, user('s1'))).toBe('passed');
  expect(store.reads).toBe(1);

  store.end(acme.id, 'u1', 's1', now);
  expect(await run(check, user('s1'))).toBe('passed'); // still the cached list: the effect has not run yet
  await sessions.invalidate(acme.id, 'u1');
  expect(await run(check, user('s1'))).toMatchObject({ reason: 'SESSION_REVOKED' });
  expect(store.reads).toBe(2);
  await cache.close();
});

test("a super-admin's sessions are the platform's; tenants never share a list", async () => {
  const { store, cache, sessions, check } = setUp();
  store.end('platform', 'a1', 's-admin', now);
  expect(await run(check, admin('s-admin'))).toMatchObject({ reason: 'SESSION_REVOKED' });
  expect(await run(check, admin('s-other'))).toBe('passed');
  // The same user id in another tenant is another list.
  const globex = TenantMother.active({ slug: 'globex' });
  store.end(globex.id, 'u1', 's-g', now);
  expect(await sessions.isRevoked(acme, 'u1', 's-g')).toBe(false);
  expect(await sessions.isRevoked(globex, 'u1', 's-g')).toBe(true);
  await cache.close();
});

test('no principal, a token without sid, or a tenant user without a tenant on the call: passed on without a read', async () => {
  const reads: string[] = [];
  const spy: RevokedSessions = {
    isRevoked: async () => {
      reads.push('read');
      return true;
    },
    isRevokedInMemory: () => {
      reads.push('read');
      return true;
    },
    invalidate: async () => {},
  };
  const check = revokedSessionCheck(spy);
  expect(await run(check, undefined)).toBe('passed');
  expect(await run(check, user(undefined))).toBe('passed');
  expect(await run(check, user('s1'), false)).toBe('passed');
  expect(reads).toEqual([]);
});
