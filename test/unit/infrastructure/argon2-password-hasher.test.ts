import { readdirSync, readFileSync } from 'node:fs';
import { Argon2PasswordHasher } from '../../../src/infrastructure/crypto/argon2-password-hasher';
import { HashJobError, LowPriorityHashWorkers } from '../../../src/infrastructure/crypto/low-priority-hash-workers';

/** Nice values of this process's threads, from /proc (field 19 of each task's stat). */
function niceOf(tid: string | number): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}
const threadNiceValues = () => readdirSync('/proc/self/task').map(niceOf);

const params = { memoryKib: 19456, iterations: 2, parallelism: 1, concurrency: 2 };

describe('Argon2PasswordHasher on low-priority worker threads', () => {
  let hasher: Argon2PasswordHasher;
  beforeAll(() => {
    hasher = new Argon2PasswordHasher(params);
  });
  afterAll(() => hasher.close());

  test('hashes as argon2id with the configured parameters, and verifies right and wrong passwords', async () => {
    const hash = await hasher.hash('a sturdy passphrase');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(hasher.verify(hash, 'a sturdy passphrase')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'a sturdy passphrasE')).resolves.toBe(false);
    await expect(hasher.verify('not a hash', 'anything')).resolves.toBe(false);
    // A failure of the workers is not a wrong password: it reaches the caller as an error.
    const closed = new Argon2PasswordHasher(params);
    await closed.close();
    await expect(closed.verify(hash, 'a sturdy passphrase')).rejects.toThrow('closed');
  });

  test('more concurrent hashes than workers all complete, each with its own answer', async () => {
    const hashes = await Promise.all(['one', 'two', 'three', 'four', 'five'].map((p) => hasher.hash(p)));
    const verdicts = await Promise.all(hashes.map((h, i) => hasher.verify(h, ['one', 'two', 'three', 'four', 'five'][i])));
    expect(verdicts).toEqual([true, true, true, true, true]);
    expect(await hasher.verify(hashes[0], 'two')).toBe(false);
  });

  test('the hashing threads run at nice 19 while the event loop keeps its priority (Linux)', async () => {
    await hasher.hash('warm');
    const nice = threadNiceValues();
    expect(nice.filter((n) => n === 19)).toHaveLength(params.concurrency);
    expect(niceOf(process.pid)).toBe(0); // the main thread: its thread id is the process id
  });
});

test('the pool passes a worker-side failure back as a rejection, and a closed pool refuses new work instead of hanging', async () => {
  const workers = new LowPriorityHashWorkers(1);
  await expect(workers.run({ op: 'verify', hash: 'not a hash', password: 'y' })).rejects.toBeInstanceOf(HashJobError);
  await expect(workers.run({ op: 'hash', password: 'y', options: { memoryCost: 19456, timeCost: 2, parallelism: 1 } })).resolves.toMatch(/^\$argon2/);
  await workers.close();
  await expect(workers.run({ op: 'verify', hash: 'x', password: 'y' })).rejects.toThrow('closed');
  await expect(workers.run({ op: 'verify', hash: 'x', password: 'y' })).rejects.not.toBeInstanceOf(HashJobError);
});

test('an unknown-email verify whose caller gave up does not break the ones after it', async () => {
  const hasher = new Argon2PasswordHasher(params);
  try {
    // The first verifyDummy also makes the dummy hash; its caller's deadline has passed.
    const gaveUp = hasher.verifyDummy('whatever', { aborted: true });
    await expect(gaveUp).rejects.toMatchObject({ reason: 'CALL_CANCELLED' });
    await expect(hasher.verifyDummy('whatever')).resolves.toBeUndefined();
  } finally {
    await hasher.close();
  }
});
