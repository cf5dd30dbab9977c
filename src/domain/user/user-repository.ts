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

/** Port: reads of the users of one tenant, in that tenant's database, outside any unit of work. */
export interface UserRepository {
  findById(tenant: Tenant, id: string): Promise<User | undefined>;
  findByEmail(tenant: Tenant, email: Email): Promise<User | undefined>;
  list(tenant: Tenant, filter: UserListFilter): Promise<User[]>;
}

/**
 * Port: the users of one tenant inside a unit of work (one transaction on that tenant's database). What
 * is added or saved has its recorded events written and their effects run when the unit commits.
 */
export interface UserWrites {
  findById(id: string): Promise<User | undefined>;
  findByEmail(email: Email): Promise<User | undefined>;
  /**
   * True if the tenant has no user yet. Takes the tenant's ownership lock until the unit ends, so of two
   * concurrent first sign-ups exactly one sees an empty tenant.
   */
  claimFirstUser(): Promise<boolean>;
  /** Inserts a new user; ALREADY_EXISTS (EMAIL_TAKEN) on a taken email. */
  add(user: User): Promise<void>;
  /**
   * Writes the user's changes and returns the stored user (or deletes it if removed, and returns it as it
   * was); undefined if the user no longer exists. If the change
   * gives up an active OWNER (`user.givesUpOwnership`), it happens only if another active OWNER remains
   * (checked under the ownership lock), else LAST_OWNER.
   */
  save(user: User): Promise<User | undefined>;
}
