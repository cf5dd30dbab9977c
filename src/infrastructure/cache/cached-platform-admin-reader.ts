import { cacheKey, CacheKey, ReadCache } from '../../application/shared/cache';
import { PlatformAdminReader } from '../../application/platform-admin/platform-admin-reader';
import { PlatformAdminRepository } from '../../domain/platform-admin/platform-admin';

/**
 * Whether a super-admin exists, through the tiered cache (the same cache, invalidation and worst cases as
 * users'). Only the fact is cached (`true`, or a cached "not found"), never the admin's fields or hash.
 */
export class CachedPlatformAdminReader implements PlatformAdminReader {
  constructor(
    private readonly cache: ReadCache,
    private readonly admins: PlatformAdminRepository,
  ) {}

  async exists(id: string): Promise<boolean> {
    const found = await this.cache.getOrLoad<boolean>(key(id), async () => ((await this.admins.findById(id)) ? true : null));
    return found === true;
  }

  existsInMemory(id: string): boolean | undefined {
    const found = this.cache.peek<boolean>(key(id));
    return found === undefined ? undefined : found === true;
  }

  invalidate(id: string): Promise<void> {
    return this.cache.invalidate(key(id));
  }
}

function key(id: string): CacheKey {
  return cacheKey('platform-admin', id);
}
