import { cacheKey, CacheKey, ReadCache } from '../../application/shared/cache';
import { ServiceAccountReader, ServiceAccountState } from '../../application/service-account/service-account-reader';
import { Role } from '../../domain/auth/principal';
import { ServiceAccountStatus } from '../../domain/service-account/service-account';
import { ServiceAccountRepository, ServiceAccountScope } from '../../domain/service-account/service-account-repository';

type StateSnapshot = { status: ServiceAccountStatus; role: Role };

/**
 * The state of service accounts through the tiered cache (the same cache, invalidation and worst cases as
 * users'); keys are namespaced by tenant id (or 'platform'). Only status and role are cached, never a hash.
 */
export class CachedServiceAccountReader implements ServiceAccountReader {
  constructor(
    private readonly cache: ReadCache,
    private readonly accounts: ServiceAccountRepository,
  ) {}

  async findState(scope: ServiceAccountScope, id: string): Promise<ServiceAccountState | undefined> {
    const snapshot = await this.cache.getOrLoad<StateSnapshot>(key(scope === 'platform' ? 'platform' : scope.id, id), async () => {
      const account = await this.accounts.findById(scope, id);
      return account ? { status: account.status, role: account.role } : null;
    });
    return snapshot ?? undefined;
  }

  invalidate(scopeId: string, id: string): Promise<void> {
    return this.cache.invalidate(key(scopeId, id));
  }
}

function key(scopeId: string, id: string): CacheKey {
  return cacheKey('service-account', scopeId, id);
}
