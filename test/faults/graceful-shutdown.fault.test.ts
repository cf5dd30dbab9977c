// SIGTERM during load, simulated with app.stop() (what main.ts calls on SIGTERM) while calls are in flight.
// Calls are held in flight deterministically: an exclusive lock on the tenant's users table makes their
// queries wait inside PostgreSQL (pg_stat_activity shows them waiting), so they have certainly been
// accepted by the server before stop begins. Then: every accepted call completes, new calls are refused
// cleanly with UNAVAILABLE, and stop returns within the grace period (SHUTDOWN_GRACE_SECONDS) — also when
// the in-flight work never finishes, in which case those calls are cut with an error rather than left hanging.
import { Metadata, status } from '@grpc/grpc-js';
import pg from 'pg';
import { User } from '../../src/gen/proto/userservice/v1/user';
import { AuthServiceService } from '../../src/gen/proto/userservice/v1/auth_service';
import { UserServiceService } from '../../src/gen/proto/userservice/v1/user_service';
import { eventually } from '../support/eventually';
import { sessionsWaitingForLock, tenantDatabase } from '../support/fault-postgres';
import { as, signUpActor } from '../support/security-fixtures';
import { deadlineIn, Outcome, RawClient } from '../support/security-rpc';
import { TEST_SERVER_URL } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant } from '../support/tenants';

async function lockUsers(slug: string): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: `${TEST_SERVER_URL}/${tenantDatabase(slug)}` });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await client.query('COMMIT');
      await client.end();
    },
  };
}

/** Starts `n` calls that read or write the tenant's users and waits until all of them wait on the lock. */
async function callsInFlight(t: TestApp, raw: RawClient, slug: string, n: number): Promise<Array<Promise<Outcome<unknown>>>> {
  const owner = await signUpActor(t, slug, 'owner');
  await raw.call(UserServiceService.getMe, {}, as(owner)); // the account check is now a cache hit
  const lock = await lockUsers(slug);
  const calls: Array<Promise<Outcome<unknown>>> = [];
  for (let i = 0; i < n; i += 1) {
    calls.push(
      i % 2 === 0
        ? raw.settle(UserServiceService.listUsers, { pageSize: 10, pageToken: '', role: 0, status: 0, emailPrefix: '' }, as(owner))
        : raw.settle(UserServiceService.updateMe, { user: User.fromPartial({ name: `In flight ${i}` }), updateMask: ['name'] }, as(owner)),
    );
  }
  await eventually(async () => expect(await sessionsWaitingForLock(tenantDatabase(slug))).toBeGreaterThanOrEqual(n), 10_000, 50);
  locks.set(slug, lock);
  return calls;
}
const locks = new Map<string, { release: () => Promise<void> }>();

afterEach(async () => {
  for (const lock of locks.values()) await lock.release().catch(() => undefined);
  locks.clear();
});

test('calls accepted before stop complete, new calls get UNAVAILABLE, and stop returns within the grace period', async () => {
  const grace = 5;
  const t = await startTestApp({ SHUTDOWN_GRACE_SECONDS: String(grace), TENANT_POOL_SIZE: '20' });
  const raw = new RawClient(t.address);
  try {
    const slug = await createTenant(t, { slug: 'drain' });
    const inFlight = await callsInFlight(t, raw, slug, 10);

    const stopStarted = performance.now();
    const stopped = t.app.stop().then(() => performance.now());

    // New calls, on the connection in use and on a new one, are refused cleanly.
    const fresh = new RawClient(t.address);
    const late = await eventually(async () => {
      const outcomes = await Promise.all([
        raw.settle(AuthServiceService.getJwks, {}, new Metadata(), deadlineIn(5_000)),
        fresh.settle(AuthServiceService.getJwks, {}, new Metadata(), deadlineIn(5_000)),
      ]);
      expect(outcomes.map((o) => (o.ok ? 'OK' : status[o.error.code]))).toEqual(['UNAVAILABLE', 'UNAVAILABLE']);
      return outcomes;
    }, 3_000, 20);
    fresh.close();
    expect(late).toHaveLength(2);

    // The work in flight may now finish, and every call accepted before stop gets its answer.
    await locks.get(slug)!.release();
    const outcomes = await Promise.all(inFlight);
    expect(outcomes.map((o) => (o.ok ? 'OK' : `${status[o.error.code]} ${o.error.details}`))).toEqual(Array(10).fill('OK'));
    const stoppedAt = await stopped;
    expect(stoppedAt - stopStarted).toBeLessThan(grace * 1000);
  } finally {
    raw.close();
    await t.dispose();
  }
});

test('when in-flight work outlives the grace period, stop still returns and those calls end with an error, not a hang', async () => {
  const grace = 1;
  const t = await startTestApp({ SHUTDOWN_GRACE_SECONDS: String(grace), TENANT_POOL_SIZE: '20' });
  const raw = new RawClient(t.address);
  const slug = await createTenant(t, { slug: 'overrun' });
  try {
    const inFlight = await callsInFlight(t, raw, slug, 6);
    const stopStarted = performance.now();
    // The lock is held for the whole stop: the work in flight cannot finish. Waits are generous bounds
    // for "returned" versus "still hanging", not timings.
    const hanging = (ms: number) => new Promise<'still hanging'>((resolve) => setTimeout(() => resolve('still hanging'), ms));
    const stop = await Promise.race([t.app.stop().then(() => performance.now() - stopStarted), hanging((grace + 10) * 1000)]);
    const calls = await Promise.all(inFlight.map((call) => Promise.race([call, hanging(2_000)])));
    expect({
      // Within the grace period plus what closing pools and connections takes (a generous 5 s).
      stop: typeof stop === 'number' && stop < (grace + 5) * 1000 ? 'returned within the grace period' : `${stop}`,
      calls: calls.map((o) => (o === 'still hanging' ? o : o.ok ? 'OK' : 'ended with an error')),
    }).toEqual({ stop: 'returned within the grace period', calls: Array(6).fill('ended with an error') });
  } finally {
    await locks.get(slug)?.release();
    raw.close();
    await t.dispose();
  }
});
