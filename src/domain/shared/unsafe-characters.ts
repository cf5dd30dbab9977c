import { invalidField } from './field-violations';

/**
 * Characters no text field accepts (docs/SECURITY.md, "Text fields"): every Unicode control character
 * (C0 U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F, e.g. U+009B, a terminal escape, and U+0085, a line
 * break), the line and paragraph separators U+2028/U+2029, and the bidirectional embeddings, overrides
 * and isolates U+202A–U+202E and U+2066–U+2069 (the "Trojan Source" set), which make stored text display
 * differently from what it is in logs, terminals and admin screens.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export const UNSAFE_CHARACTERS_RULE = 'must not contain control characters, line separators or bidirectional overrides';

export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE.test(text);
}

/** Throws INVALID_ARGUMENT (for the field a caller names through `FieldViolations.capture`) on any of them. */
export function refuseUnsafeCharacters(text: string): void {
  if (hasUnsafeCharacters(text)) invalidField(UNSAFE_CHARACTERS_RULE);
}
