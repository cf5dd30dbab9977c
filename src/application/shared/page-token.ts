import { createHash } from 'node:crypto';
import { invalidField } from '../../domain/shared/field-violations';

/**
 * AIP-158 page tokens: opaque to clients, bound to the listing they came from. A token carries the
 * cursor (the last id returned) and a digest of the scope (resource kind, tenant, filters); a token
 * replayed under another scope, or altered, is refused with INVALID_ARGUMENT. It grants nothing: the
 * cursor only positions a query the caller is already allowed to make.
 */
export class PageToken {
  static encode(cursor: string, scope: string): string {
    return Buffer.from(JSON.stringify({ c: cursor, s: digest(scope) })).toString('base64url');
  }

  /** Returns the cursor, or undefined for an empty token (the first page). */
  static decode(token: string, scope: string): string | undefined {
    if (token === '') return undefined;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
      if (isTokenBody(parsed) && parsed.s === digest(scope)) return parsed.c;
    } catch {
      // fall through: malformed
    }
    return invalidField('is not a token returned by this listing with the same filters');
  }
}

function digest(scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 16);
}

function isTokenBody(value: unknown): value is { c: string; s: string } {
  return typeof value === 'object' && value !== null && typeof (value as { c?: unknown }).c === 'string' && typeof (value as { s?: unknown }).s === 'string';
}
