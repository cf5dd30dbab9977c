import { ServiceTokenSource } from '../src';

/** An AuthService stand-in whose IssueServiceToken answers when the test says so. */
function fakeAuth(lifetimeMs: number, clock: () => number) {
  const pending: Array<() => void> = [];
  let issued = 0;
  const auth = {
    issueServiceToken: (request: { clientId: string; clientSecret: string }, options?: { tenant?: string }) =>
      new Promise((resolve) => {
        pending.push(() => {
          issued += 1;
          resolve({ accessToken: `t${issued}.${request.clientId}.${options?.tenant}`, accessTokenExpireTime: new Date(clock() + lifetimeMs), tokenType: 'Bearer' });
        });
      }),
  };
  return { auth: auth as never, answerAll: () => pending.splice(0).forEach((answer) => answer()), pending: () => pending.length };
}

test('concurrent callers share one exchange; the token is reused until 80 % of its lifetime, then renewed once', async () => {
  let clock = 0;
  const fake = fakeAuth(900_000, () => clock);
  const source = new ServiceTokenSource({ auth: fake.auth, clientId: 'sa', clientSecret: 'us_sk_x', tenant: 'acme', now: () => clock });
  const first = Promise.all(Array.from({ length: 10 }, () => source.token()));
  expect(fake.pending()).toBe(1);
  fake.answerAll();
  expect(new Set(await first)).toEqual(new Set(['t1.sa.acme']));
  clock = 719_000;
  expect(await source.token()).toBe('t1.sa.acme');
  clock = 720_000;
  const renewed = Promise.all([source.token(), source.token(), source.token()]);
  expect(fake.pending()).toBe(1);
  fake.answerAll();
  expect(await renewed).toEqual(['t2.sa.acme', 't2.sa.acme', 't2.sa.acme']);
  expect(source.exchanges).toBe(2);
});

test('a failed exchange is not remembered: the next call exchanges again', async () => {
  let fail = true;
  const auth = {
    issueServiceToken: async () => {
      if (fail) throw new Error('UNAVAILABLE');
      return { accessToken: 'a.b.c', accessTokenExpireTime: new Date(Date.now() + 60_000), tokenType: 'Bearer' };
    },
  };
  const source = new ServiceTokenSource({ auth: auth as never, clientId: 'sa', clientSecret: 's' });
  await expect(source.token()).rejects.toThrow('UNAVAILABLE');
  fail = false;
  expect(await source.token()).toBe('a.b.c');
  expect((await source.metadata()).get('authorization')).toEqual(['Bearer a.b.c']);
  expect((await source.metadata()).get('x-tenant-id')).toEqual([]);
});
