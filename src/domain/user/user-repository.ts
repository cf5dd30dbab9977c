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

/** Port: the users of one tenant, in that tenant's database. */
export interface UserRepository {
  findById(tenant: Tenant, id: string): Promise<User | undefined>;
  findByEmail(tenant: Tenant, email: Email): Promise<User | undefined>;
  /**
   * Inserts a user; `roleIfFirst` replaces the user's role when the tenant has no user yet (decided
   * atomically, so of two concurrent first sign-ups exactly one becomes OWNER). ALREADY_EXISTS on a taken email.
   */
  insert(tenant: Tenant, user: User, roleIfFirst?: TenantRole): Promise<User>;
  /** Writes the user's mutable fields; undefined if the user no longer exists. */
  update(tenant: Tenant, user: User): Promise<User | undefined>;
  delete(tenant: Tenant, id: string): Promise<boolean>;
  list(tenant: Tenant, filter: UserListFilter): Promise<User[]>;
  /** Number of ACTIVE owners. */
  countActiveOwners(tenant: Tenant): Promise<number>;
}
