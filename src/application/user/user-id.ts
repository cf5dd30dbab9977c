import { DomainError } from '../../domain/shared/domain-error';
import { isUuid } from '../../domain/shared/uuid-v7';

/** A user id from a request: a UUID (lower-cased), or INVALID_ARGUMENT naming `field`. */
export function parseUserId(raw: string, field: string): string {
  const id = raw.trim().toLowerCase();
  if (id === '') throw DomainError.invalid([{ field, description: 'is required' }]);
  if (!isUuid(id)) throw DomainError.invalid([{ field, description: 'must be a user id (UUID)' }]);
  return id;
}
