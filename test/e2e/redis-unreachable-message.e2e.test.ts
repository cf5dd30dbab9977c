import { freePort } from '../support/fault-redis';
import { eventually } from '../support/eventually';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * REDIS_URL pointing at nothing does not stop the service (it degrades to memory and PostgreSQL), but the
 * warning names the setting, where it points (no credentials) and what to do, like the start-up failures.
 */
let t: TestApp;
afterAll(async () => {
  await t?.dispose();
});

test('an unreachable REDIS_URL is one warning naming the setting and the fix', async () => {
  const closed = await freePort();
  t = await startTestApp({ REDIS_URL: `redis://user:s3cret@127.0.0.1:${closed}` });
  const warning = await eventually(async () => {
    const line = t.logs.find((l) => l.msg === 'redis unavailable');
    if (!line) throw new Error('no warning yet');
    return line;
  });
  expect(warning).toMatchObject({ level: 40, setting: 'REDIS_URL', redis: `127.0.0.1:${closed}` });
  expect(String(warning.fix)).toContain('unset REDIS_URL to run without Redis');
  expect(JSON.stringify(t.logs)).not.toContain('s3cret');
});
