import { DomainError } from '../../../src/domain/shared/domain-error';
import { TenantSlug } from '../../../src/domain/tenant/tenant-slug';

test('a valid slug maps to a database name that is a safe identifier', () => {
  expect(TenantSlug.parse('acme-corp-2').databaseName()).toBe('tenant_acme_corp_2');
});

test('distinct slugs never share a database name', () => {
  // '_' is outside the slug alphabet, so '-' → '_' cannot merge two slugs.
  expect(() => TenantSlug.parse('acme_corp')).toThrow(DomainError);
  expect(TenantSlug.parse('acme-corp').databaseName()).not.toBe(TenantSlug.parse('acmecorp').databaseName());
});

test.each(['', 'ab', 'Acme', '1acme', 'acme-', 'acme--x', 'a'.repeat(41), 'postgres', 'template0', 'ac me', "ac'me", 'acmé'])('refuses %j', (raw) => {
  expect(() => TenantSlug.parse(raw)).toThrow(DomainError);
});

test('the longest slug still gives a database name within PostgreSQL’s 63-byte limit', () => {
  expect(TenantSlug.parse('a'.repeat(40)).databaseName().length).toBeLessThanOrEqual(63);
});
