import { invalidField } from './field-violations';
import { refuseUnsafeCharacters } from './unsafe-characters';

const MAX_LENGTH = 200;

/** A human-readable name (of a user or a tenant): trimmed, 1..200 characters, no unsafe characters (unsafe-characters.ts). */
export function parseDisplayName(raw: string): string {
  const value = raw.trim();
  if (value.length === 0) invalidField('is required');
  if ([...value].length > MAX_LENGTH) invalidField(`must be at most ${MAX_LENGTH} characters`);
  refuseUnsafeCharacters(value);
  return value;
}
