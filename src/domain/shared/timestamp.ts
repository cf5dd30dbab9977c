import { invalidField } from './field-violations';

/** The range of google.protobuf.Timestamp (and of PostgreSQL's and JavaScript's dates that we store). */
const MIN_MS = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * A time a caller sent: refused (INVALID_ARGUMENT, for the field a caller names through
 * `FieldViolations.capture`) unless it lies in 0001-01-01T00:00:00Z..9999-12-31T23:59:59.999Z. Outside
 * it, JavaScript cannot format it (RangeError) and PostgreSQL cannot store it (Prisma P2039).
 */
export function checkTimestamp(value: Date): Date {
  const ms = value.getTime();
  if (Number.isNaN(ms) || ms < MIN_MS || ms > MAX_MS) invalidField('must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z');
  return value;
}
