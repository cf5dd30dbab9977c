import { PageToken } from '../../../src/application/shared/page-token';
import { DomainError } from '../../../src/domain/shared/domain-error';

test('a token round-trips under the scope it was made for', () => {
  const token = PageToken.encode('0190a0a0-0000-7000-8000-000000000000', 'tenants|*');
  expect(PageToken.decode(token, 'tenants|*')).toBe('0190a0a0-0000-7000-8000-000000000000');
  expect(PageToken.decode('', 'tenants|*')).toBeUndefined();
});

test('a token is refused under another scope, and when altered or malformed', () => {
  const token = PageToken.encode('x', 'users|tenant-a|role=ADMIN');
  expect(() => PageToken.decode(token, 'users|tenant-b|role=ADMIN')).toThrow(DomainError);
  expect(() => PageToken.decode(token.slice(0, -2), 'users|tenant-a|role=ADMIN')).toThrow(DomainError);
  expect(() => PageToken.decode('%%%', 'users|tenant-a|role=ADMIN')).toThrow(DomainError);
});
