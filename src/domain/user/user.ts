import { AggregateRoot } from '../shared/aggregate-root';
import { DomainError } from '../shared/domain-error';
import { parseDisplayName } from '../shared/display-name';
import { Email } from '../shared/email';

import { TenantRole, UserStatus } from './user-attributes';

export type { TenantRole, UserStatus } from './user-attributes';

export interface UserProps {
  id: string;
  email: Email;
  name: string;
  passwordHash: string;
  role: TenantRole;
  status: UserStatus;
  createdAt: Date;
  updatedAt: Date;
  /** When the user proved their email (a verification link, or an accepted invitation); null: not yet. */
  emailVerifiedAt?: Date | null;
}

/**
 * A user of one tenant. Its methods check their input and record what changed; the password hash never
 * leaves the domain and persistence layers.
 *
 * The last-owner rule ("a tenant keeps at least one active OWNER") is decided here: `givesUpOwnership`
 * says whether this unit of work takes away an active OWNER, and the repository, which alone can see the
 * tenant's other users, refuses the write with `lastOwner()` under a lock if none would remain.
 */
export class User extends AggregateRoot {
  private readonly loadedAsActiveOwner: boolean;
  private removed = false;

  constructor(private props: UserProps) {
    super();
    this.loadedAsActiveOwner = props.role === 'OWNER' && props.status === 'ACTIVE';
  }

  get id(): string { return this.props.id; }
  get email(): Email { return this.props.email; }
  get name(): string { return this.props.name; }
  get passwordHash(): string { return this.props.passwordHash; }
  get role(): TenantRole { return this.props.role; }
  get status(): UserStatus { return this.props.status; }
  get createdAt(): Date { return this.props.createdAt; }
  get updatedAt(): Date { return this.props.updatedAt; }
  get isActive(): boolean { return this.props.status === 'ACTIVE'; }
  get emailVerified(): boolean { return Boolean(this.props.emailVerifiedAt); }
  get emailVerifiedAt(): Date | null { return this.props.emailVerifiedAt ?? null; }
  /** True once `remove` was called: the repository deletes it instead of writing it. */
  get isRemoved(): boolean { return this.removed; }

  /** True when this change takes away an active OWNER, so the tenant must have another one. */
  get givesUpOwnership(): boolean {
    return this.loadedAsActiveOwner && (this.removed || this.props.role !== 'OWNER' || this.props.status !== 'ACTIVE');
  }

  static register(args: { id: string; email: Email; name: string; passwordHash: string; role: TenantRole; now: Date; selfSignUp: boolean }): User {
    const user = new User({
      id: args.id,
      email: args.email,
      name: parseDisplayName(args.name),
      passwordHash: args.passwordHash,
      role: args.role,
      status: 'ACTIVE',
      createdAt: args.now,
      updatedAt: args.now,
    });
    user.record({ type: 'UserRegistered', targetId: args.id, email: args.email.value, role: args.role, selfSignUp: args.selfSignUp });
    return user;
  }

  changePassword(passwordHash: string): void {
    this.props = { ...this.props, passwordHash };
    this.record({ type: 'PasswordChanged', targetId: this.id });
  }

  /** The user opened a verification link sent to their email. Once only: a second time changes nothing. */
  verifyEmail(now: Date): void {
    if (this.props.emailVerifiedAt) return;
    this.props = { ...this.props, emailVerifiedAt: now };
    this.record({ type: 'EmailVerified', targetId: this.id });
  }

  /** Sets a new password through a reset token (PasswordReset, not PasswordChanged: the audit tells them apart). */
  resetPassword(passwordHash: string): void {
    this.props = { ...this.props, passwordHash };
    this.record({ type: 'PasswordReset', targetId: this.id });
  }

  /**
   * A new sign-in email. Another address (compared without regard to case) is unverified until its owner
   * opens the link sent to it: `new-address`. The same address written differently keeps its verification:
   * `same-address`. The same spelling changes nothing: `unchanged`.
   */
  changeEmail(email: Email): 'unchanged' | 'same-address' | 'new-address' {
    if (email.value === this.props.email.value) return 'unchanged';
    const sameAddress = email.normalized === this.props.email.normalized;
    this.props = { ...this.props, email, emailVerifiedAt: sameAddress ? this.props.emailVerifiedAt : null };
    this.recordFieldChange('UserUpdated', this.id, 'email');
    return sameAddress ? 'same-address' : 'new-address';
  }

  /** Throws INVALID_ARGUMENT (field '') for a name that is not a display name; the caller names the field. */
  rename(raw: string): void {
    const name = parseDisplayName(raw);
    if (name === this.props.name) return;
    this.props = { ...this.props, name };
    this.recordFieldChange('UserUpdated', this.id, 'name');
  }

  changeRole(role: TenantRole): void {
    const oldRole = this.props.role;
    if (role === oldRole) return;
    this.props = { ...this.props, role };
    this.record({ type: 'UserRoleChanged', targetId: this.id, oldRole, newRole: role });
  }

  changeStatus(status: UserStatus): void {
    const oldStatus = this.props.status;
    if (status === oldStatus) return;
    this.props = { ...this.props, status };
    this.record({ type: 'UserStatusChanged', targetId: this.id, oldStatus, newStatus: status });
  }

  /** Marks the user for deletion (the repository deletes the row; their sessions go with it). */
  remove(): void {
    if (this.removed) return;
    this.removed = true;
    this.record({ type: 'UserDeleted', targetId: this.id });
  }
}

export function lastOwner(): DomainError {
  return DomainError.failedPrecondition('LAST_OWNER', 'a tenant must keep at least one active OWNER; make another user OWNER first');
}
