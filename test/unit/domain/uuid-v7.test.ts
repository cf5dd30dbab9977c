import { isUuid, uuidV7 } from '../../../src/domain/shared/uuid-v7';

test('ids are version 7 UUIDs that strictly increase, even within one millisecond', () => {
  const ids = Array.from({ length: 10_000 }, () => uuidV7(1_800_000_000_000));
  for (const id of ids) {
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
  }
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
});

test('the timestamp part is the creation time in milliseconds', () => {
  const at = Date.UTC(2030, 0, 1);
  const id = uuidV7(at + 10_000);
  expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(at + 10_000);
});
