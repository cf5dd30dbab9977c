import { isUuid, uuidV7 } from '../../../src/domain/shared/uuid-v7';

test('ids are version 7 UUIDs that strictly increase, even within one millisecond', () => {
  const ids = Array.from({ length: 10_000 }, () => uuidV7(1_800_000_000_000));
  // One assertion over all ids (30,000 expect() calls made this the slowest unit test file).
  expect(ids.filter((id) => !(isUuid(id) && id[14] === '7' && '89ab'.includes(id[19])))).toEqual([]);
  expect(ids.every((id, i) => i === 0 || ids[i - 1] < id)).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
});

test('the timestamp part is the creation time in milliseconds', () => {
  const at = Date.UTC(2030, 0, 1);
  const id = uuidV7(at + 10_000);
  expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(at + 10_000);
});
