import { dictionary } from '@zxcvbn-ts/language-common';
import { invalidField } from '../shared/field-violations';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

/** About 49,000 of the most common passwords (zxcvbn's list), compared without regard to case. */
const COMMON = new Set<string>(dictionary.passwords as string[]);

/**
 * OWASP ASVS 2.1: at least 8 characters (we count code points), at most 128, any characters allowed
 * (no composition rules), and not a commonly used password.
 */
export function checkPasswordPolicy(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) invalidField(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (length > MAX_PASSWORD_LENGTH) invalidField(`must be at most ${MAX_PASSWORD_LENGTH} characters`);
  if (COMMON.has(password.toLowerCase())) invalidField('is too common; choose a password that is not on lists of leaked passwords');
}
