import { UNSAFE_CHARACTERS_RULE } from '../../../src/domain/shared/unsafe-characters';
import { checkPasswordPolicy, MAX_PASSWORD_LENGTH } from '../../../src/domain/auth/password-policy';
import { parseDisplayName } from '../../../src/domain/shared/display-name';
import { DomainError } from '../../../src/domain/shared/domain-error';
import { Email } from '../../../src/domain/shared/email';
import { FieldViolations } from '../../../src/domain/shared/field-violations';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, parsePageSize } from '../../../src/domain/shared/page';

/** The description of the INVALID_ARGUMENT `parse` throws, or 'valid'. */
function verdict(parse: () => unknown): string {
  try {
    parse();
    return 'valid';
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'INVALID_ARGUMENT') return error.violations.map((v) => v.description).join('; ');
    throw error;
  }
}

describe('Email', () => {
  test('is trimmed, and compared in lower case', () => {
    const email = Email.parse('  Olive@Acme.TEST ');
    expect({ value: email.value, normalized: email.normalized }).toEqual({ value: 'Olive@Acme.TEST', normalized: 'olive@acme.test' });
  });

  test.each([
    ['', 'is required'],
    ['olive', 'must be an email address such as name@example.com'],
    ['olive@acme', 'must be an email address such as name@example.com'],
    ['ol ive@acme.test', 'must be an email address such as name@example.com'],
    ['olive\u0000@acme.test', UNSAFE_CHARACTERS_RULE],
    [`${'a'.repeat(250)}@x.io`, 'must be at most 254 characters'],
  ])('refuses %j', (raw, description) => {
    expect(verdict(() => Email.parse(raw))).toBe(description);
  });
});

describe('display name', () => {
  test('is trimmed; 200 code points fit, 201 do not; no control characters', () => {
    expect(parseDisplayName('  Acme Inc. ')).toBe('Acme Inc.');
    expect(verdict(() => parseDisplayName('😀'.repeat(200)))).toBe('valid');
    expect(verdict(() => parseDisplayName('😀'.repeat(201)))).toBe('must be at most 200 characters');
    expect(verdict(() => parseDisplayName(' \t '))).toBe('is required');
    expect(verdict(() => parseDisplayName('Acme\u007f'))).toBe(UNSAFE_CHARACTERS_RULE);
  });
});

describe('password policy (OWASP ASVS 2.1)', () => {
  test('length counts code points, any characters allowed, common passwords refused whatever their case', () => {
    expect(verdict(() => checkPasswordPolicy('a sturdy passphrase'))).toBe('valid');
    expect(verdict(() => checkPasswordPolicy('🔑'.repeat(8)))).toBe('valid');
    expect(verdict(() => checkPasswordPolicy('🔑'.repeat(7)))).toBe('must be at least 8 characters');
    expect(verdict(() => checkPasswordPolicy('x'.repeat(MAX_PASSWORD_LENGTH + 1)))).toBe('must be at most 128 characters');
    expect(verdict(() => checkPasswordPolicy('PassWord1'))).toMatch(/is too common/);
  });
});

describe('page size (AIP-158)', () => {
  test('0 is the default, over the cap is capped, negative or fractional refused', () => {
    expect(parsePageSize(0)).toBe(DEFAULT_PAGE_SIZE);
    expect(parsePageSize(7)).toBe(7);
    expect(parsePageSize(MAX_PAGE_SIZE + 1)).toBe(MAX_PAGE_SIZE);
    expect(verdict(() => parsePageSize(-1))).toBe('must not be negative');
    expect(verdict(() => parsePageSize(1.5))).toBe('must not be negative');
  });
});

describe('FieldViolations', () => {
  test('collects every invalid field, named by its path, into one INVALID_ARGUMENT', () => {
    const violations = new FieldViolations();
    const email = violations.capture('user.email', () => Email.parse('nope'));
    const name = violations.capture('user.name', () => parseDisplayName('Olive'));
    violations.add('update_mask', 'must name at least one field');
    expect({ email, name }).toEqual({ email: undefined, name: 'Olive' });
    let thrown: unknown;
    try {
      violations.throwIfAny();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).violations).toEqual([
      { field: 'user.email', description: 'must be an email address such as name@example.com' },
      { field: 'update_mask', description: 'must name at least one field' },
    ]);
  });

  test('lets errors other than validation through', () => {
    const violations = new FieldViolations();
    expect(() => violations.capture('x', () => { throw DomainError.of('TENANT_NOT_FOUND', 'gone'); })).toThrow('gone');
  });
});
