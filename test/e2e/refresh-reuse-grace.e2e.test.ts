// REFRESH_TOKEN_REUSE_GRACE_SECONDS: a client that sends one refresh token twice at once (two browser tabs,
// a retry after a timeout) keeps its session when the second exchange comes within the grace; after it,
// or once the session has ended, presenting a used token is reuse and revokes the session, as without a
// grace (test/e2e/auth-sessions.e2e.test.ts covers the default, 0: of concurrent refreshes exactly one wins).
import { status } from '@grpc/grpc-js';
import { failure, headers } from '../support/grpc-clients';
import { outcomeCounts, rise } from '../support/metric-counts';
import { startTestApp, TestApp } from '../support/test-app';
import { createTenant, newUser } from '../support/tenants';

const GRACE_SECONDS = 2;
let t: TestApp;
let slug: string;
beforeAll(async () => {
  t = await startTestApp({ REFRESH_TOKEN_REUSE_GRACE_SECONDS: String(GRACE_SECONDS) });
  slug = await createTenant(t, { slug: 'grace' });
});
afterAll(async () => {
  await t?.dispose();
});

const signUp = async () => (await t.clients.auth.signUp(newUser(), headers({ tenant: slug }))).tokens!;
const refresh = (refreshToken: string) => t.clients.auth.refreshToken({ refreshToken }, headers({ tenant: slug }));
const refreshCounts = () => outcomeCounts(t, 'userservice_token_refreshes_total', ['rotated', 'reused', 'invalid'] as const);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('within the grace, concurrent refreshes with one token all succeed, each with its own working successor', async () => {
  const { refreshToken } = await signUp();
  const before = await refreshCounts();
  const pairs = await Promise.all(Array.from({ length: 5 }, () => refresh(refreshToken)));
  const successors = pairs.map((p) => p.tokens!.refreshToken);
  expect(new Set(successors).size).toBe(5);
  const latest = [];
  for (const successor of successors) latest.push((await refresh(successor)).tokens!);
  expect(rise(before, await refreshCounts())).toEqual({ rotated: 10, reused: 0, invalid: 0 });
  // Still one session, listed once.
  const { sessions } = await t.clients.auth.listMySessions({}, headers({ tenant: slug, token: latest[4].accessToken }));
  expect(sessions).toHaveLength(1);
});

test('after the grace, the used token is reuse: the whole session is revoked, its newest token too', async () => {
  const first = await signUp();
  const second = (await refresh(first.refreshToken)).tokens!;
  await sleep(GRACE_SECONDS * 1000 + 500);
  const before = await refreshCounts();
  expect((await failure(refresh(first.refreshToken))).code).toBe(status.UNAUTHENTICATED);
  expect((await failure(refresh(second.refreshToken))).code).toBe(status.UNAUTHENTICATED);
  expect(rise(before, await refreshCounts())).toEqual({ rotated: 0, reused: 1, invalid: 1 });
});

test('an ended session gets no grace: after a logout, a token used a moment ago is refused', async () => {
  const first = await signUp();
  const second = (await refresh(first.refreshToken)).tokens!;
  await t.clients.auth.logout({ refreshToken: second.refreshToken });
  expect((await failure(refresh(first.refreshToken))).code).toBe(status.UNAUTHENTICATED);
  expect((await failure(refresh(second.refreshToken))).code).toBe(status.UNAUTHENTICATED);
});
