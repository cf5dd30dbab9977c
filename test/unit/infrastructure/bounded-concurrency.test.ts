import { DomainError } from '../../../src/domain/shared/domain-error';
import { BoundedConcurrency } from '../../../src/infrastructure/crypto/bounded-concurrency';

test('runs at most `limit` tasks at once, queues up to `maxQueue`, refuses the rest at once', async () => {
  const slots = new BoundedConcurrency(2, 1);
  let running = 0;
  let peak = 0;
  const releases: Array<() => void> = [];
  const task = () =>
    slots.run(async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running -= 1;
    });
  const accepted = [task(), task(), task()];
  await expect(task()).rejects.toMatchObject({ kind: 'RESOURCE_EXHAUSTED' });
  expect(slots.queueDepth).toBe(1);
  while (releases.length > 0 || running > 0) {
    releases.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(accepted);
  expect(peak).toBe(2);
  expect(DomainError).toBeDefined();
});
