// Deadlines. A caller's deadline is honoured: a call stuck behind a lock in its tenant's database ends
// with DEADLINE_EXCEEDED when its deadline passes, other tenants are not held up, and the tenant serves
// again once the lock is gone. And the server honours it too: work still queued for a call whose caller
// has given up is dropped (no session is created for a login nobody waits for), and the call is logged as
// what it was (DEADLINE_EXCEEDED or CANCELLED), not as OK.
import { status } from '@grpc/grpc-js';
import pg from 'pg';
import { AuthServiceService } from '../../src/gen/proto/userservice/v1/auth_service';
import { UserServiceService } from '../../src/gen/proto/userservice/v1/user_service';
import { eventually } from '../support/eventually';
import { tenantDatabase } from '../support/fault-postgres';
import { headers } from '../support/grpc-clients';
import { as, signUpActor } from '../support/security-fixtures';
import { deadlineIn, RawClient } from '../support/security-rpc';
import { adminQuery, TEST_SERVER_URL } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant } from '../support/tenants';

let t: TestApp;
let raw: RawClient;

beforeAll(async () => {
  // One password hash at a time, each slow (ten argon2id iterations): a queue of logins takes long to drain.
  // The queue is filled by one account's sign-ins: its attempt budget (at most LOGIN_MAX_FAILURES checks at
  // once, issue 15) must be above the 21 sent together, so that the hashing queue is what is tested.
  t = await startTestApp({ PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_ITERATIONS: '10', LOGIN_MAX_FAILURES: '100' });
  raw = new RawClient(t.address);
});
afterAll(async () => {
  raw?.close();
  await t?.dispose();
});

/** Holds an exclusive lock on a tenant's users table until `release` is called. */
async function lockUsers(slug: string): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: `${TEST_SERVER_URL}/${tenantDatabase(slug)}` });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
  return {
    release: async () => {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

test('a call stuck in its tenant’s database ends DEADLINE_EXCEEDED at its deadline; other tenants carry on; the tenant recovers', async () => {
  const stuck = await createTenant(t, { slug: 'stuck' });
  const other = await createTenant(t, { slug: 'carry-on' });
  const stuckOwner = await signUpActor(t, stuck, 'owner');
  const otherOwner = await signUpActor(t, other, 'owner');
  const list = (owner: typeof stuckOwner, ms: number) =>
    raw.settle(UserServiceService.listUsers, { pageSize: 10, pageToken: '', role: 0, status: 0, emailPrefix: '' }, as(owner), deadlineIn(ms));

  const lock = await lockUsers(stuck);
  try {
    const pending = [list(stuckOwner, 500), list(stuckOwner, 500), list(stuckOwner, 500)];
    // While those wait, the other tenant is served.
    const meanwhile = await list(otherOwner, 10_000);
    expect(meanwhile.ok).toBe(true);
    const outcomes = await Promise.all(pending);
    expect(outcomes.map((o) => (o.ok ? 'OK' : status[o.error.code]))).toEqual(['DEADLINE_EXCEEDED', 'DEADLINE_EXCEEDED', 'DEADLINE_EXCEEDED']);
  } finally {
    await lock.release();
  }
  await eventually(async () => expect((await list(stuckOwner, 5_000)).ok).toBe(true), 10_000, 100);
});

test('the server drops work queued for calls whose deadline has passed: no session for a login nobody waits for, logged as such', async () => {
  const firstLog = t.logs.length;
  const slug = await createTenant(t, { slug: 'expired' });
  const user = await signUpActor(t, slug, 'user');
  const credentials = { email: user.email, password: user.password };
  const sessions = async () => Number((await adminQuery<{ n: string }>('SELECT count(*) AS n FROM refresh_tokens', [], tenantDatabase(slug))).rows[0].n);
  const before = await sessions();

  // Ten logins with no deadline fill the hashing queue (ten slow hashes, one at a time) ...
  const patient = Array.from({ length: 10 }, () => raw.settle(AuthServiceService.login, credentials, headers({ tenant: slug })));
  // ... then ten with a 50 ms deadline queue behind them and expire long before their turn.
  const hurried = Array.from({ length: 10 }, (_, i) => {
    const metadata = headers({ tenant: slug });
    metadata.set('x-request-id', `hurried-${i}`);
    return raw.settle(AuthServiceService.login, credentials, metadata, deadlineIn(50));
  });
  expect((await Promise.all(hurried)).map((o) => (o.ok ? 'OK' : status[o.error.code]))).toEqual(Array(10).fill('DEADLINE_EXCEEDED'));
  expect((await Promise.all(patient)).every((o) => o.ok)).toBe(true);
  // One more login queues behind anything still in the queue, so after it everything has run.
  await raw.call(AuthServiceService.login, credentials, headers({ tenant: slug }));

  // Ten patient logins and the last one: eleven sessions, none for the callers that gave up; and each
  // given-up call is in the log as what it was.
  const outcomesLogged = Array.from({ length: 10 }, (_, i) => {
    const line = t.logs.find((l) => l.requestId === `hurried-${i}` && 'code' in l);
    if (!line) return 'not logged';
    return line.code === 'DEADLINE_EXCEEDED' || line.code === 'CANCELLED' ? 'logged as given up' : `logged as ${String(line.code)}`;
  });
  expect({ sessionsForCallersThatGaveUp: (await sessions()) - before - 11, outcomesLogged }).toEqual({
    sessionsForCallersThatGaveUp: 0,
    outcomesLogged: Array(10).fill('logged as given up'),
  });
  // grpc-js reports every closed stream as cancelled, finished or not: only calls that had not ended are.
  expect(t.logs.slice(firstLog).filter((l) => l.msg === 'call cancelled by the caller or its deadline' && !String(l.requestId).startsWith('hurried-'))).toEqual([]);
});
