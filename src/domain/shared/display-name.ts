import { invalidField } from './field-violations';

const MAX_LENGTH = 200;

/** A human-readable name (of a user or a tenant): trimmed, 1..200 characters, no control characters. */
export function parseDisplayName(raw: string): string {
  const value = raw.trim();
  if (value.length === 0) invalidField('is required');
  if ([...value].length > MAX_LENGTH) invalidField(`must be at most ${MAX_LENGTH} characters`);
  if (/[\u0000-\u001f\u007f]/.test(value)) invalidField('must not contain control characters');
  return value;
}
