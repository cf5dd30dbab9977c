import { AggregateRoot } from '../shared/aggregate-root';
import { parseDisplayName } from '../shared/display-name';
import { DomainError } from '../shared/domain-error';
import { TenantRole } from '../user/user-attributes';
import { TenantSlug } from './tenant-slug';

export type TenantStatus = 'PROVISIONING' | 'ACTIVE' | 'SUSPENDED' | 'DELETING';

export interface TenantProps {
  id: string;
  slug: TenantSlug;
  displayName: string;
  status: TenantStatus;
  databaseName: string;
  databaseServer: string;
  schemaVersion: string | null;
  selfSignUpEnabled: boolean;
  /** Sign-in refused (EMAIL_NOT_VERIFIED) until the user verified their email. Absent: false. */
  requireVerifiedEmail?: boolean;
  /** Roles whose users must sign in with a second factor. Absent: none. */
  secondFactorRequiredRoles?: readonly TenantRole[];
  createdAt: Date;
  updatedAt: Date;
}

const TENANT_ROLE_ORDER: readonly TenantRole[] = ['OWNER', 'ADMIN', 'MEMBER'];

/** A customer of the platform with a database of its own. Its methods check their rules and record events. */
export class Tenant extends AggregateRoot {
  private removed = false;

  constructor(private props: TenantProps) {
    super();
  }

  get id(): string { return this.props.id; }
  get slug(): string { return this.props.slug.value; }
  get displayName(): string { return this.props.displayName; }
  get status(): TenantStatus { return this.props.status; }
  get databaseName(): string { return this.props.databaseName; }
  get databaseServer(): string { return this.props.databaseServer; }
  get schemaVersion(): string | null { return this.props.schemaVersion; }
  get selfSignUpEnabled(): boolean { return this.props.selfSignUpEnabled; }
  get requireVerifiedEmail(): boolean { return this.props.requireVerifiedEmail ?? false; }
  /** Roles whose users must sign in with a second factor, in the order OWNER, ADMIN, MEMBER. */
  get secondFactorRequiredRoles(): readonly TenantRole[] { return this.props.secondFactorRequiredRoles ?? []; }
  get createdAt(): Date { return this.props.createdAt; }
  get updatedAt(): Date { return this.props.updatedAt; }
  /** True once `remove` was called: the repository deletes the registry row instead of writing it. */
  get isRemoved(): boolean { return this.removed; }

  /** A new tenant starts PROVISIONING: it serves nothing until its database is ready. */
  static register(args: { id: string; slug: TenantSlug; displayName: string; databaseServer: string; selfSignUpEnabled: boolean; now: Date; databasePrefix?: string }): Tenant {
    return new Tenant({
      id: args.id,
      slug: args.slug,
      displayName: parseDisplayName(args.displayName),
      status: 'PROVISIONING',
      databaseName: args.slug.databaseName(args.databasePrefix),
      databaseServer: args.databaseServer,
      schemaVersion: null,
      selfSignUpEnabled: args.selfSignUpEnabled,
      createdAt: args.now,
      updatedAt: args.now,
    });
  }

  /** The tenant's database exists and is migrated to `schemaVersion`; a first activation announces the tenant. */
  markProvisioned(schemaVersion: string): void {
    const wasProvisioning = this.props.status === 'PROVISIONING';
    this.props = { ...this.props, status: 'ACTIVE', schemaVersion };
    if (wasProvisioning) this.record({ type: 'TenantCreated', targetId: this.id, slug: this.slug, displayName: this.displayName });
  }

  /**
   * The tenant's database was migrated to `schemaVersion`. Recorded even when the registry already said
   * so: whoever migrated saw an older version, so a cached entry is older too.
   */
  recordSchemaVersion(schemaVersion: string): void {
    this.props = { ...this.props, schemaVersion };
    this.record({ type: 'TenantSchemaMigrated', targetId: this.id, schemaVersion });
  }

  /** Throws INVALID_ARGUMENT (field '') for a name that is not a display name; the caller names the field. */
  rename(raw: string): void {
    const displayName = parseDisplayName(raw);
    if (displayName === this.props.displayName) return;
    this.props = { ...this.props, displayName };
    this.recordFieldChange('TenantUpdated', this.id, 'display_name');
  }

  setSelfSignUp(enabled: boolean): void {
    if (enabled === this.props.selfSignUpEnabled) return;
    this.props = { ...this.props, selfSignUpEnabled: enabled };
    this.recordFieldChange('TenantUpdated', this.id, 'self_sign_up_enabled');
  }

  setRequireVerifiedEmail(required: boolean): void {
    if (required === this.requireVerifiedEmail) return;
    this.props = { ...this.props, requireVerifiedEmail: required };
    this.recordFieldChange('TenantUpdated', this.id, 'require_verified_email');
  }

  /** Whether users of `role` must sign in with a second factor. */
  requiresSecondFactor(role: string): boolean {
    return this.secondFactorRequiredRoles.includes(role as TenantRole);
  }

  /** Replaces the roles that must use a second factor (duplicates ignored). */
  requireSecondFactorFor(roles: readonly TenantRole[]): void {
    const next = TENANT_ROLE_ORDER.filter((role) => roles.includes(role));
    if (next.join() === this.secondFactorRequiredRoles.join()) return;
    this.props = { ...this.props, secondFactorRequiredRoles: next };
    this.recordFieldChange('TenantUpdated', this.id, 'second_factor_required_roles');
  }

  /** Operators may move a tenant between ACTIVE and SUSPENDED, and only once it is provisioned. */
  changeStatus(target: TenantStatus): void {
    if (target !== 'ACTIVE' && target !== 'SUSPENDED') {
      throw DomainError.invalid([{ field: 'tenant.status', description: 'must be TENANT_STATUS_ACTIVE or TENANT_STATUS_SUSPENDED' }]);
    }
    if (this.props.status !== 'ACTIVE' && this.props.status !== 'SUSPENDED') {
      throw DomainError.of('TENANT_NOT_READY', `tenant '${this.slug}' is ${this.props.status.toLowerCase()} and cannot change status`);
    }
    if (target === this.props.status) return;
    this.props = { ...this.props, status: target };
    this.record({ type: target === 'SUSPENDED' ? 'TenantSuspended' : 'TenantReactivated', targetId: this.id });
  }

  /** DELETING, from any status: from here on the tenant serves nothing, and a crash leaves work for the sweep. */
  beginDeletion(): void {
    if (this.props.status === 'DELETING') return;
    this.props = { ...this.props, status: 'DELETING' };
    this.record({ type: 'TenantDeletionStarted', targetId: this.id });
  }

  /**
   * Marks the registry entry for removal (its database is already gone). A tenant that never finished
   * provisioning was never announced, so its removal is not either.
   */
  remove(): void {
    if (this.removed) return;
    this.removed = true;
    this.record(this.props.schemaVersion !== null ? { type: 'TenantDeleted', targetId: this.id } : { type: 'TenantDiscarded', targetId: this.id });
  }

  /** Callers may act in a tenant only while it is ACTIVE. */
  assertServing(): void {
    if (this.props.status === 'ACTIVE') return;
    if (this.props.status === 'SUSPENDED') {
      throw DomainError.failedPrecondition('TENANT_SUSPENDED', `tenant '${this.slug}' is suspended`);
    }
    throw DomainError.unavailable('TENANT_NOT_READY', `tenant '${this.slug}' is not available (${this.props.status.toLowerCase()})`);
  }
}
