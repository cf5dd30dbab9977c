import { invalidField } from './field-violations';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/** AIP-158 page size: 0 means the default, values over the cap are capped, negative ones refused. */
export function parsePageSize(raw: number): number {
  if (!Number.isInteger(raw) || raw < 0) invalidField('must not be negative');
  if (raw === 0) return DEFAULT_PAGE_SIZE;
  return Math.min(raw, MAX_PAGE_SIZE);
}

/** One page of results and the cursor after its last item (undefined on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
