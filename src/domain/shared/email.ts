import { invalidField } from './field-violations';
import { refuseUnsafeCharacters } from './unsafe-characters';

const MAX_LENGTH = 254;
// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is proven by mail, not regex.
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email address as given (trimmed) and its normalised form (lower case) used for uniqueness. */
export class Email {
  private constructor(
    readonly value: string,
    readonly normalized: string,
  ) {}

  static parse(raw: string): Email {
    const value = raw.trim();
    if (value.length === 0) invalidField('is required');
    refuseUnsafeCharacters(value);
    const normalized = value.toLowerCase();
    // Lower-casing can lengthen a string (e.g. 'İ' becomes two code units): both forms must fit.
    if (value.length > MAX_LENGTH || normalized.length > MAX_LENGTH) invalidField(`must be at most ${MAX_LENGTH} characters`);
    if (!SHAPE.test(value)) invalidField('must be an email address such as name@example.com');
    return new Email(value, normalized);
  }

  /** Rebuilds a stored email, validated when it was stored. */
  static fromStored(value: string, normalized: string): Email {
    return new Email(value, normalized);
  }
}
