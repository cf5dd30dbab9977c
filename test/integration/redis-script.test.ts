import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisScript } from '../../src/infrastructure/redis/redis-script';
import { RedisPasswordAttemptBudget } from '../../src/infrastructure/throttle/redis-password-attempt-budget';
import { createLogger } from '../../src/infrastructure/logging/pino-logger';

const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
afterAll(() => redis.quit());

/** Counts EVAL and EVALSHA commands this client sends. */
function countCommands(): { eval: number; evalsha: number } {
  const counts = { eval: 0, evalsha: 0 };
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((command: { name: string }, ...rest: unknown[]) => {
    if (command.name === 'eval' || command.name === 'evalsha') counts[command.name] += 1;
    return (send as (...args: unknown[]) => unknown)(command, ...rest);
  }) as typeof redis.sendCommand;
  return counts;
}

test('a script runs by its SHA1 once Redis knows it, and is sent in full again after SCRIPT FLUSH', async () => {
  const key = `us:test:script:${randomUUID()}`;
  // A script text of its own (the key in a comment), so no other test can have loaded it already.
  const incr = new RedisScript(`-- ${key}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])`);
  await redis.ping(); // connected: a command queued while connecting would pass through sendCommand twice
  const counts = countCommands();
  expect(await incr.run(redis, [key], [2])).toBe(2); // NOSCRIPT, then EVAL with the text
  expect(await incr.run(redis, [key], [3])).toBe(5); // EVALSHA only
  expect(counts).toEqual({ evalsha: 2, eval: 1 });
  await redis.script('FLUSH');
  expect(await incr.run(redis, [key], [1])).toBe(6);
  expect(counts).toEqual({ evalsha: 3, eval: 2 });
  await redis.del(key);
});

test('a password check costs two EVALSHA once the budget scripts are loaded, never their text', async () => {
  const budget = new RedisPasswordAttemptBudget(redis, { maxFailures: 5, windowSeconds: 60, lockoutSeconds: 60 }, createLogger('silent'));
  const key = `t:${randomUUID()}`;
  const check = async () => {
    const reservation = await budget.reserve(key);
    if (!reservation.granted) throw new Error('not granted');
    await reservation.settle('valid');
  };
  await redis.ping();
  await check(); // loads both scripts if this Redis has not seen them yet
  const counts = countCommands();
  await check();
  await check();
  expect(counts).toEqual({ evalsha: 4, eval: 0 });
});
