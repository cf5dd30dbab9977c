import { checkPasswordPolicy } from '../../domain/auth/password-policy';
import { parseDisplayName } from '../../domain/shared/display-name';
import { Email } from '../../domain/shared/email';
import { FieldViolations } from '../../domain/shared/field-violations';

/** Validates the fields of a new user (sign-up or admin-created), naming every invalid one at once. */
export function parseNewUser(raw: { email: string; password: string; name: string }): { email: Email; name: string } {
  const violations = new FieldViolations();
  const email = violations.capture('email', () => Email.parse(raw.email));
  violations.capture('password', () => checkPasswordPolicy(raw.password));
  const name = violations.capture('name', () => parseDisplayName(raw.name));
  violations.throwIfAny();
  return { email: email!, name: name! };
}
