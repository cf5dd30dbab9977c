import { DomainEvent } from '../events/domain-event';
import { Tenant } from '../tenant/tenant';
import { Email } from '../shared/email';
import { TenantRole, User, UserStatus } from './user';

export interface UserListFilter {
  role?: TenantRole;
  status?: UserStatus;
  /** Lower-case prefix of the normalised email. */
  emailPrefix?: string;
  afterId?: string;
  limit: number;
}

export interface WriteOptions {
  keepAnOwner?: boolean;
  events?: DomainEvent[];
}

/** Port: the users of one tenant, in that tenant's database. */
export interface UserRepository {
  findById(tenant: Tenant, id: string): Promise<User | undefined>;
  findByEmail(tenant: Tenant, email: Email): Promise<User | undefined>;
  /**
   * Inserts a user and the events `eventsFor(stored user)` in one transaction. `roleIfFirst` replaces the
   * user's role when the tenant has no user yet (decided atomically, so of two concurrent first sign-ups
   * exactly one becomes OWNER). ALREADY_EXISTS on a taken email.
   */
  insert(tenant: Tenant, user: User, options?: { roleIfFirst?: TenantRole; eventsFor?: (stored: User) => DomainEvent[] }): Promise<User>;
  /**
   * Writes the user's mutable fields and `events` in one transaction; undefined if the user no longer
   * exists. With `keepAnOwner`, the write happens only if another active OWNER remains (checked
   * atomically), else it throws LAST_OWNER.
   */
  update(tenant: Tenant, user: User, options?: WriteOptions): Promise<User | undefined>;
  /** Deletes the user (their sessions cascade) and writes `events`; false if absent. Options as for update. */
  delete(tenant: Tenant, id: string, options?: WriteOptions): Promise<boolean>;
  list(tenant: Tenant, filter: UserListFilter): Promise<User[]>;
}
