import { TenantRole, User, UserStatus } from '../../domain/user/user';

/** What callers may see of a user (never the password hash): the read model of queries and the cache. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: TenantRole;
  status: UserStatus;
  createdAt: Date;
  updatedAt: Date;
  /** When the user proved their email; null: not yet. */
  emailVerifiedAt: Date | null;
}

export function toUserView(user: User): UserView {
  return { id: user.id, email: user.email.value, name: user.name, role: user.role, status: user.status, createdAt: user.createdAt, updatedAt: user.updatedAt, emailVerifiedAt: user.emailVerifiedAt };
}
