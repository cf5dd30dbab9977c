import { CacheKey } from '../../application/shared/cache';

/** Keys remembered before the memo starts over (about 1.2 MiB of heap when full). */
const DEFAULT_CAPACITY = 10_000;

/**
 * The cache key of a pair of parts (a tenant's id and a user's, or a namespace and a slug), made once and
 * then found again. Built on every call, a key is a new string: `cacheKey` tests and joins its parts, and V8
 * hashes the result again before the in-process tier can look it up. Found here, by ids that are the same strings call after call (the
 * tenant entity's id, the principal's subject), whose hashes V8 keeps, it is one string V8 has hashed
 * before. Bounded: when full it forgets everything and fills again.
 */
export class KeyMemo {
  private readonly byFirst = new Map<string, Map<string, CacheKey>>();
  private size = 0;

  constructor(
    private readonly make: (first: string, second: string) => CacheKey,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  key(first: string, second: string): CacheKey {
    let inner = this.byFirst.get(first);
    const known = inner?.get(second);
    if (known !== undefined) return known;
    const made = this.make(first, second);
    if (this.size >= this.capacity) {
      this.byFirst.clear();
      this.size = 0;
      inner = undefined;
    }
    if (inner === undefined) {
      inner = new Map();
      this.byFirst.set(first, inner);
    }
    inner.set(second, made);
    this.size += 1;
    return made;
  }
}
