import { cacheKey, CacheKey, ReadCache } from '../../application/shared/cache';
import { UserReader } from '../../application/user/user-reader';
import { toUserView, UserView } from '../../application/user/user-view';
import { Tenant } from '../../domain/tenant/tenant';
import { TenantRole, UserStatus } from '../../domain/user/user';
import { UserRepository } from '../../domain/user/user-repository';
import { KeyMemo } from './key-memo';

/** The cached form of a UserView: JSON data, timestamps as ISO strings, no credentials. */
type UserSnapshot = {
  id: string;
  email: string;
  name: string;
  role: TenantRole;
  status: UserStatus;
  createdAt: string;
  updatedAt: string;
  /** Absent in snapshots cached before this field existed: read as "not verified" until they expire. */
  emailVerifiedAt?: string | null;
};

/** Users by id through the tiered cache; keys are namespaced by tenant id, so tenants never collide. */
export class CachedUserReader implements UserReader {
  /** One view per cached snapshot, so a hit allocates nothing. */
  private readonly views = new WeakMap<object, UserView>();
  /** The account check looks a user up on every call: its key is made once (key-memo.ts). */
  private readonly keys = new KeyMemo(key);

  constructor(
    private readonly cache: ReadCache,
    private readonly users: UserRepository,
  ) {}

  async findById(tenant: Tenant, id: string): Promise<UserView | undefined> {
    const snapshot = await this.cache.getOrLoad<UserSnapshot>(this.keys.key(tenant.id, id), async () => {
      const user = await this.users.findById(tenant, id);
      if (!user) return null;
      const view = toUserView(user);
      return { ...view, createdAt: view.createdAt.toISOString(), updatedAt: view.updatedAt.toISOString(), emailVerifiedAt: view.emailVerifiedAt?.toISOString() ?? null };
    });
    return snapshot ? this.viewOf(snapshot) : undefined;
  }

  findInMemory(tenant: Tenant, id: string): UserView | null | undefined {
    const snapshot = this.cache.peek<UserSnapshot>(this.keys.key(tenant.id, id));
    return snapshot ? this.viewOf(snapshot) : snapshot;
  }

  private viewOf(snapshot: UserSnapshot): UserView {
    let view = this.views.get(snapshot);
    if (!view) {
      view = {
        ...snapshot,
        createdAt: new Date(snapshot.createdAt),
        updatedAt: new Date(snapshot.updatedAt),
        emailVerifiedAt: snapshot.emailVerifiedAt ? new Date(snapshot.emailVerifiedAt) : null,
      };
      this.views.set(snapshot, view);
    }
    return view;
  }

  invalidate(tenantId: string, userId: string): Promise<void> {
    return this.cache.invalidate(key(tenantId, userId));
  }
}

function key(tenantId: string, userId: string): CacheKey {
  return cacheKey('tenant', tenantId, 'user', userId);
}
