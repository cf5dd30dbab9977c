import { cacheKey } from '../../../src/application/shared/cache';
import { KeyMemo } from '../../../src/infrastructure/cache/key-memo';

const make = (tenantId: string, userId: string) => cacheKey('tenant', tenantId, 'user', userId);

it('gives the key cacheKey makes, the same string on every call, and never one pair the key of another', () => {
  const memo = new KeyMemo(make);
  const first = memo.key('t-1', 'u-1');
  expect(first).toBe(make('t-1', 'u-1'));
  expect(memo.key('t-1', 'u-1')).toBe(first);
  // Pairs that would join into the same text if the memo concatenated its ids.
  expect(memo.key('a:b', 'c')).toBe(make('a:b', 'c'));
  expect(memo.key('a', 'b:c')).toBe(make('a', 'b:c'));
  expect(memo.key('a:b', 'c')).not.toBe(memo.key('a', 'b:c'));
  expect(memo.key('t-2', 'u-1')).toBe(make('t-2', 'u-1'));
});

it('forgets everything when full and keeps giving the right keys', () => {
  let made = 0;
  const memo = new KeyMemo((t, u) => {
    made += 1;
    return make(t, u);
  }, 3);
  for (const user of ['u-1', 'u-2', 'u-3']) memo.key('t-1', user);
  expect(made).toBe(3);
  memo.key('t-1', 'u-2');
  expect(made).toBe(3);
  // The fourth key empties the memo: the earlier ones are made again, once.
  expect(memo.key('t-9', 'u-4')).toBe(make('t-9', 'u-4'));
  expect(memo.key('t-1', 'u-1')).toBe(make('t-1', 'u-1'));
  expect(memo.key('t-1', 'u-1')).toBe(make('t-1', 'u-1'));
  expect(made).toBe(5);
});
