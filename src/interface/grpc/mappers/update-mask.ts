import { DomainError } from '../../../domain/shared/domain-error';
import { excerpt } from '../../../domain/shared/excerpt';

/**
 * Validates an AIP-134 update mask against the fields a method may change. An empty or missing mask,
 * an unknown field or a read-only one is INVALID_ARGUMENT naming the allowed fields.
 */
export function parseUpdateMask<F extends string>(paths: string[] | undefined, allowed: readonly F[]): Set<F> {
  const list = paths ?? [];
  const describe = `allowed fields are ${allowed.join(', ')}`;
  if (list.length === 0) throw DomainError.invalid([{ field: 'update_mask', description: `must name at least one field; ${describe}` }]);
  const unknown = list.filter((p) => !(allowed as readonly string[]).includes(p));
  if (unknown.length > 0) {
    throw DomainError.invalid([{ field: 'update_mask', description: `cannot update ${unknown.slice(0, 5).map((p) => excerpt(p)).join(', ')}; ${describe}` }]);
  }
  return new Set(list as F[]);
}
