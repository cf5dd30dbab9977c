import { checkPasswordPolicy } from '../auth/password-policy';
import { AggregateRoot } from '../shared/aggregate-root';
import { parseDisplayName } from '../shared/display-name';
import { DomainError } from '../shared/domain-error';
import { Email } from '../shared/email';
import { FieldViolations, invalidField } from '../shared/field-violations';

/** A platform operator (SUPER_ADMIN), as sign-in reads it. Lives in the master database and belongs to no tenant. */
export interface PlatformAdmin {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

/** What a listing shows of a super-admin: never the password hash. */
export interface SuperAdminSummary {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
}

/** Super-admins' passwords: the users' policy, and at least 12 characters (the platform's keys). */
export const SUPER_ADMIN_MIN_PASSWORD_LENGTH = 12;

export function checkSuperAdminPasswordPolicy(password: string): void {
  if ([...password].length < SUPER_ADMIN_MIN_PASSWORD_LENGTH) invalidField(`must be at least ${SUPER_ADMIN_MIN_PASSWORD_LENGTH} characters`);
  checkPasswordPolicy(password);
}

export interface SuperAdminProps {
  id: string;
  email: Email;
  name: string;
  passwordHash: string;
  createdAt: Date;
}

/**
 * A platform super-admin as the unit of work writes it: its methods check their rules and record what
 * happened (SuperAdminCreated, SuperAdminPasswordChanged, SuperAdminRemoved), as User does. The rule that
 * the last super-admin cannot be removed is checked by the repository when it deletes the row, under a
 * lock all removals take (PlatformAdminWrites.save).
 */
export class SuperAdmin extends AggregateRoot {
  private removed = false;

  constructor(private props: SuperAdminProps) {
    super();
  }

  get id(): string { return this.props.id; }
  get email(): Email { return this.props.email; }
  get name(): string { return this.props.name; }
  get passwordHash(): string { return this.props.passwordHash; }
  get createdAt(): Date { return this.props.createdAt; }
  get isRemoved(): boolean { return this.removed; }

  /** A new super-admin; `name` is checked here (email and password are parsed and hashed by the caller). */
  static create(args: { id: string; email: Email; name: string; passwordHash: string; now: Date }): SuperAdmin {
    const violations = new FieldViolations();
    const name = violations.capture('name', () => parseDisplayName(args.name))!;
    violations.throwIfAny();
    const admin = new SuperAdmin({ id: args.id, email: args.email, name, passwordHash: args.passwordHash, createdAt: args.now });
    admin.record({ type: 'SuperAdminCreated', targetId: args.id, email: args.email.value, name });
    return admin;
  }

  changePassword(passwordHash: string): void {
    this.props = { ...this.props, passwordHash };
    this.record({ type: 'SuperAdminPasswordChanged', targetId: this.id });
  }

  remove(): void {
    if (this.removed) return;
    this.removed = true;
    this.record({ type: 'SuperAdminRemoved', targetId: this.id });
  }
}

/** Port: reads of platform admins outside any unit of work (sign-in, refresh, listings). */
export interface PlatformAdminRepository {
  findByEmail(email: Email): Promise<PlatformAdmin | undefined>;
  findById(id: string): Promise<PlatformAdmin | undefined>;
  /** Oldest first (ids are UUIDv7), after `afterId`. */
  list(filter: { afterId?: string; limit: number }): Promise<SuperAdminSummary[]>;
}

/**
 * Port: super-admins inside a platform unit of work. What is added or saved has its recorded events written
 * to the master outbox and their effects run when the unit commits.
 */
export interface PlatformAdminWrites {
  /** Locks the row until the unit ends. */
  findById(id: string): Promise<SuperAdmin | undefined>;
  findByEmail(email: Email): Promise<SuperAdmin | undefined>;
  /** ALREADY_EXISTS (SUPER_ADMIN_ALREADY_EXISTS) when a super-admin has the email. */
  add(admin: SuperAdmin): Promise<void>;
  /**
   * Writes the password, or deletes a removed admin (their refresh tokens go with the row). A removal takes
   * the platform's admin lock and counts the admins left, so of two concurrent removals of the last two,
   * one fails with LAST_SUPER_ADMIN. False if the admin is gone.
   */
  save(admin: SuperAdmin): Promise<boolean>;
}

export function superAdminNotFound(id: string): DomainError {
  return DomainError.notFound('SUPER_ADMIN_NOT_FOUND', `super-admin '${id}' does not exist`);
}

export function superAdminEmailTaken(): DomainError {
  return DomainError.alreadyExists('SUPER_ADMIN_ALREADY_EXISTS', 'a super-admin with this email exists');
}

export function lastSuperAdmin(): DomainError {
  return DomainError.failedPrecondition('LAST_SUPER_ADMIN', 'the last super-admin cannot be removed; create another one first');
}
