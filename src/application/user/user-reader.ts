import { Tenant } from '../../domain/tenant/tenant';
import { UserView } from './user-view';

/**
 * Port: reads of single users by id that every GetMe/GetUser (and every authenticated call's account
 * check) makes; served through the tiered cache. The unit of work forgets an entry after each change.
 */
export interface UserReader {
  findById(tenant: Tenant, id: string): Promise<UserView | undefined>;
  /**
   * The same answer when this process holds it in memory (`null`: known not to exist), without waiting;
   * `undefined` when only `findById` can tell. For the checks every call makes.
   */
  findInMemory(tenant: Tenant, id: string): UserView | null | undefined;
  /** Forgets the cached user on every replica after a write. */
  invalidate(tenantId: string, userId: string): Promise<void>;
}
