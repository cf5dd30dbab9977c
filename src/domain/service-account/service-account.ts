import { Principal, Role } from '../auth/principal';
import { AggregateRoot } from '../shared/aggregate-root';
import { parseDisplayName } from '../shared/display-name';
import { DomainError } from '../shared/domain-error';
import { FieldViolations, invalidField } from '../shared/field-violations';
import { refuseUnsafeCharacters } from '../shared/unsafe-characters';

export type ServiceAccountStatus = 'ACTIVE' | 'DISABLED';

/** Most unrevoked credentials one account may hold: enough for a rotation with overlap, and a few more. */
export const MAX_LIVE_CREDENTIALS = 5;
const MAX_DESCRIPTION = 1000;

/** One credential of a service account: a client secret (only its hash is kept) or a public key. */
export interface ServiceAccountCredential {
  id: string;
  kind: 'SECRET' | 'KEY';
  /** `us_sk_` and the next 4 characters of the secret (or a key's fingerprint): tells credentials apart. */
  hint: string;
  /** SECRET only. */
  secretHash?: string;
  /** KEY only: PEM (SPKI). */
  publicKeyPem?: string;
  expiresAt?: Date;
  revokedAt?: Date;
  lastUsedAt?: Date;
  createdAt: Date;
}

export interface ServiceAccountProps {
  id: string;
  name: string;
  description: string;
  role: Role;
  status: ServiceAccountStatus;
  credentials: ServiceAccountCredential[];
  lastUsedAt?: Date;
  createdAt: Date;
}

/**
 * A machine identity: a tenant's (roles OWNER, ADMIN, MEMBER) or the platform's (role SUPER_ADMIN). It
 * exchanges a credential for an access token and then acts with its role. Its methods check their rules
 * and record what happened; the repository writes the account with its credentials.
 */
export class ServiceAccount extends AggregateRoot {
  private removed = false;
  private readonly added: ServiceAccountCredential[] = [];

  constructor(private props: ServiceAccountProps) {
    super();
  }

  get id(): string { return this.props.id; }
  get name(): string { return this.props.name; }
  get description(): string { return this.props.description; }
  get role(): Role { return this.props.role; }
  get status(): ServiceAccountStatus { return this.props.status; }
  get credentials(): readonly ServiceAccountCredential[] { return this.props.credentials; }
  get lastUsedAt(): Date | undefined { return this.props.lastUsedAt; }
  get createdAt(): Date { return this.props.createdAt; }
  get isActive(): boolean { return this.props.status === 'ACTIVE'; }
  get isRemoved(): boolean { return this.removed; }
  /** Credentials added in this unit of work (the repository inserts them). */
  get addedCredentials(): readonly ServiceAccountCredential[] { return this.added; }

  /**
   * A new ACTIVE account without credentials. `platform` accounts take only SUPER_ADMIN (the default);
   * tenant accounts OWNER, ADMIN or MEMBER, and only an OWNER makes an OWNER.
   */
  static create(args: { id: string; name: string; description: string; role: Role | undefined; platform: boolean; actor: Principal; now: Date }): ServiceAccount {
    const violations = new FieldViolations();
    const name = violations.capture('service_account.name', () => parseDisplayName(args.name));
    const description = violations.capture('service_account.description', () => parseDescription(args.description));
    const role = args.platform ? (args.role ?? 'SUPER_ADMIN') : args.role;
    if (args.platform && role !== 'SUPER_ADMIN') violations.add('service_account.role', 'a platform service account has role ROLE_SUPER_ADMIN (or leave it unspecified)');
    if (!args.platform && (role === undefined || role === 'SUPER_ADMIN')) violations.add('service_account.role', 'must be ROLE_OWNER, ROLE_ADMIN or ROLE_MEMBER');
    violations.throwIfAny();
    if (role === 'OWNER' && args.actor.role !== 'OWNER') {
      throw DomainError.permissionDenied('OWNER_REQUIRED', 'only an OWNER may make someone an OWNER');
    }
    const account = new ServiceAccount({ id: args.id, name: name!, description: description!, role: role!, status: 'ACTIVE', credentials: [], createdAt: args.now });
    account.record({ type: 'ServiceAccountCreated', targetId: args.id, name: name!, role: role! });
    return account;
  }

  /** An ADMIN cannot act on an OWNER account, as with users. */
  assertManageableBy(actor: Principal): void {
    if (this.props.role === 'OWNER' && actor.role !== 'OWNER') {
      throw DomainError.permissionDenied('OWNER_PROTECTED', 'only an OWNER may change or delete an OWNER');
    }
  }

  disable(): void {
    if (this.props.status === 'DISABLED') return;
    this.props = { ...this.props, status: 'DISABLED' };
    this.record({ type: 'ServiceAccountDisabled', targetId: this.id });
  }

  remove(): void {
    if (this.removed) return;
    this.removed = true;
    this.record({ type: 'ServiceAccountDeleted', targetId: this.id });
  }

  /** Adds a credential; FAILED_PRECONDITION when the account already holds the most unrevoked ones. */
  addCredential(credential: ServiceAccountCredential, now: Date): void {
    const live = this.props.credentials.filter((c) => !c.revokedAt && !(c.expiresAt && c.expiresAt <= now));
    if (live.length >= MAX_LIVE_CREDENTIALS) {
      throw DomainError.failedPrecondition('TOO_MANY_CREDENTIALS', `a service account holds at most ${MAX_LIVE_CREDENTIALS} unrevoked credentials; revoke one first`);
    }
    this.props = { ...this.props, credentials: [...this.props.credentials, credential] };
    this.added.push(credential);
    this.record({ type: 'ServiceAccountCredentialAdded', targetId: this.id, credentialId: credential.id });
  }

  /** Revokes one credential (again: no change); NOT_FOUND for an id the account does not hold. */
  revokeCredential(credentialId: string, now: Date): ServiceAccountCredential {
    const credential = this.props.credentials.find((c) => c.id === credentialId);
    if (!credential) throw credentialNotFound(credentialId);
    if (credential.revokedAt) return credential;
    const revoked = { ...credential, revokedAt: now };
    this.props = { ...this.props, credentials: this.props.credentials.map((c) => (c.id === credentialId ? revoked : c)) };
    this.record({ type: 'ServiceAccountCredentialRevoked', targetId: this.id, credentialId });
    return revoked;
  }

  /** Whether `credential` may be exchanged now: the account ACTIVE, the credential neither revoked nor expired. */
  accepts(credential: ServiceAccountCredential, now: Date): boolean {
    return this.isActive && !credential.revokedAt && !(credential.expiresAt && credential.expiresAt <= now);
  }
}

function parseDescription(raw: string): string {
  const value = raw.trim();
  if ([...value].length > MAX_DESCRIPTION) invalidField(`must be at most ${MAX_DESCRIPTION} characters`);
  refuseUnsafeCharacters(value);
  return value;
}

export function serviceAccountNotFound(id: string): DomainError {
  return DomainError.notFound('SERVICE_ACCOUNT_NOT_FOUND', `service account '${id}' does not exist`);
}

export function credentialNotFound(id: string): DomainError {
  return DomainError.notFound('CREDENTIAL_NOT_FOUND', `credential '${id}' does not exist on this service account`);
}
