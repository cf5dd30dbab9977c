import { DomainError } from '../shared/domain-error';
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
  createdAt: Date;
  updatedAt: Date;
}

/** A customer of the platform with a database of its own. */
export class Tenant {
  constructor(private props: TenantProps) {}

  get id(): string { return this.props.id; }
  get slug(): string { return this.props.slug.value; }
  get displayName(): string { return this.props.displayName; }
  get status(): TenantStatus { return this.props.status; }
  get databaseName(): string { return this.props.databaseName; }
  get databaseServer(): string { return this.props.databaseServer; }
  get schemaVersion(): string | null { return this.props.schemaVersion; }
  get selfSignUpEnabled(): boolean { return this.props.selfSignUpEnabled; }
  get createdAt(): Date { return this.props.createdAt; }
  get updatedAt(): Date { return this.props.updatedAt; }

  /** A new tenant starts PROVISIONING: it serves nothing until its database is ready. */
  static register(args: { id: string; slug: TenantSlug; displayName: string; databaseServer: string; selfSignUpEnabled: boolean; now: Date; databasePrefix?: string }): Tenant {
    return new Tenant({
      id: args.id,
      slug: args.slug,
      displayName: args.displayName,
      status: 'PROVISIONING',
      databaseName: args.slug.databaseName(args.databasePrefix),
      databaseServer: args.databaseServer,
      schemaVersion: null,
      selfSignUpEnabled: args.selfSignUpEnabled,
      createdAt: args.now,
      updatedAt: args.now,
    });
  }

  /** The tenant's database exists and is migrated to `schemaVersion`. */
  markProvisioned(schemaVersion: string): void {
    this.props = { ...this.props, status: 'ACTIVE', schemaVersion };
  }

  /** The tenant's database was migrated to `schemaVersion`. */
  recordSchemaVersion(schemaVersion: string): void {
    this.props = { ...this.props, schemaVersion };
  }

  rename(displayName: string): void {
    this.props = { ...this.props, displayName };
  }

  setSelfSignUp(enabled: boolean): void {
    this.props = { ...this.props, selfSignUpEnabled: enabled };
  }

  /** Operators may move a tenant between ACTIVE and SUSPENDED, and only once it is provisioned. */
  changeStatus(target: TenantStatus): void {
    if (target !== 'ACTIVE' && target !== 'SUSPENDED') {
      throw DomainError.invalid([{ field: 'tenant.status', description: 'must be TENANT_STATUS_ACTIVE or TENANT_STATUS_SUSPENDED' }]);
    }
    if (this.props.status !== 'ACTIVE' && this.props.status !== 'SUSPENDED') {
      throw DomainError.failedPrecondition('TENANT_NOT_READY', `tenant '${this.slug}' is ${this.props.status.toLowerCase()} and cannot change status`);
    }
    this.props = { ...this.props, status: target };
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
