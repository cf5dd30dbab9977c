import { AfterCommitEffects, CommittedEvent, EventSubject, RelaySignal } from '../../../src/application/shared/after-commit-effects';
import { PlatformUnit, TenantUnit, UnitOfWork, UnitScope } from '../../../src/application/shared/unit-of-work';
import { NewRefreshToken, RotationResult, SessionWrites } from '../../../src/domain/auth/refresh-token-store';
import { AccountTokenPurpose, AccountTokenState, AccountTokenWrites, NewAccountToken } from '../../../src/domain/auth/account-token';
import { MailQueueWrites, QueuedMail } from '../../../src/application/mail/mail-queue';
import { Invitation, InvitationWrites, NewInvitation } from '../../../src/domain/user/invitation';
import { DomainEvent, SessionRevocationReason } from '../../../src/domain/events/domain-event';
import { AggregateRoot } from '../../../src/domain/shared/aggregate-root';
import { DomainError } from '../../../src/domain/shared/domain-error';
import { Email } from '../../../src/domain/shared/email';
import { Tenant } from '../../../src/domain/tenant/tenant';
import { TenantWrites } from '../../../src/domain/tenant/tenant-repository';
import { TenantSlug } from '../../../src/domain/tenant/tenant-slug';
import { lastOwner, User } from '../../../src/domain/user/user';
import { UserWrites } from '../../../src/domain/user/user-repository';
import { RequestOrigin } from '../../../src/domain/shared/request-origin';
import { ServiceAccount } from '../../../src/domain/service-account/service-account';
import { ServiceAccountWrites } from '../../../src/domain/service-account/service-account-repository';
import { lastSuperAdmin, PlatformAdminWrites, SuperAdmin, superAdminEmailTaken } from '../../../src/domain/platform-admin/platform-admin';
import { SecondFactorWrites } from '../../../src/domain/auth/second-factor-store';

interface Session {
  familyId: string;
  userId: string;
  revoked: boolean;
}

/** One database's rows. Entities are stored by reference to a fresh copy, so a rolled-back unit leaves no trace. */
interface Rows {
  users: Map<string, User>;
  tenants: Map<string, Tenant>;
  sessions: Session[];
  serviceAccounts: Map<string, ServiceAccount>;
  /** The platform's super-admins (platform database only). */
  admins: Map<string, SuperAdmin>;
  tokens: Array<NewAccountToken & { usedAt?: Date; supersededAt?: Date }>;
  mail: QueuedMail[];
  invitations: Array<Invitation & { tokenHash: string; emailNormalized: string }>;
  secondFactors: Map<string, Readonly<SecondFactorRow>>;
}

interface SecondFactorRow {
  secret: string;
  confirmed: boolean;
  lastStep: number;
  recoveryCodeHashes: readonly string[];
}

const copy = (rows: Rows): Rows => ({
  users: new Map(rows.users),
  tenants: new Map(rows.tenants),
  sessions: rows.sessions.map((s) => ({ ...s })),
  serviceAccounts: new Map(rows.serviceAccounts),
  admins: new Map(rows.admins),
  tokens: rows.tokens.map((t) => ({ ...t })),
  mail: [...rows.mail],
  invitations: rows.invitations.map((i) => ({ ...i })),
  secondFactors: new Map(rows.secondFactors),
});

/**
 * A unit of work in memory with the same contract as PrismaUnitOfWork: the work runs on a copy of the
 * database that replaces it only if the work returns; then the recorded events are "appended" (kept in
 * `outbox`) and the real AfterCommitEffects run against recording fakes. For handler unit tests.
 */
export class InMemoryUnitOfWork implements UnitOfWork {
  readonly databases = new Map<string, Rows>();
  /** Every published-or-internal event of every committed unit, in commit order. */
  readonly committed: CommittedEvent[] = [];
  readonly forgottenUsers: string[] = [];
  readonly forgottenSlugs: string[] = [];
  readonly forgottenServiceAccounts: string[] = [];
  /** Ids of every super-admin whose cached existence was dropped. */
  readonly forgottenPlatformAdmins: string[] = [];
  readonly wakeUps: string[] = [];
  /** `<tenant id or platform>/<user id>` of every revoked-session list dropped. */
  readonly forgottenSessionLists: string[] = [];
  private readonly effects: AfterCommitEffects;

  constructor() {
    const relay: RelaySignal = { wake: (scope) => this.wakeUps.push(scope === 'platform' ? 'platform' : scope.slug) };
    this.effects = new AfterCommitEffects(
      { invalidate: async (tenantId, userId) => void this.forgottenUsers.push(`${tenantId}/${userId}`) },
      { invalidate: async (slug) => void this.forgottenSlugs.push(slug) },
      relay,
      { invalidate: async (scope, userId) => void this.forgottenSessionLists.push(`${scope}/${userId}`) },
      { invalidate: async (scopeId, id) => void this.forgottenServiceAccounts.push(`${scopeId}/${id}`) },
      { invalidate: async (id) => void this.forgottenPlatformAdmins.push(id) },
    );
  }

  database(scope: UnitScope): Rows {
    const name = scope === 'platform' ? 'platform' : scope.id;
    let rows = this.databases.get(name);
    if (!rows) this.databases.set(name, (rows = { users: new Map(), tenants: new Map(), sessions: [], serviceAccounts: new Map(), admins: new Map(), tokens: [], mail: [], invitations: [], secondFactors: new Map() }));
    return rows;
  }

  /** Stores a user as if committed earlier (a copy: the test's object stays its own). */
  /** The origin each unit that committed events was run with (what the outbox would stamp on them). */
  readonly stampedWith: RequestOrigin[] = [];

  givenUser(tenant: Tenant, user: User): void {
    this.database(tenant).users.set(user.id, user);
  }

  /** Stores a super-admin as if committed earlier. */
  givenSuperAdmin(admin: SuperAdmin): void {
    this.database('platform').admins.set(admin.id, admin);
  }

  givenTenant(tenant: Tenant): void {
    this.database('platform').tenants.set(tenant.slug, tenant);
  }

  givenSession(tenant: Tenant, userId: string, familyId: string): void {
    this.database(tenant).sessions.push({ familyId, userId, revoked: false });
  }

  run<T>(scope: Tenant, origin: RequestOrigin, work: (unit: TenantUnit) => Promise<T>): Promise<T>;
  run<T>(scope: 'platform', origin: RequestOrigin, work: (unit: PlatformUnit) => Promise<T>): Promise<T>;
  async run<T>(scope: UnitScope, origin: RequestOrigin, work: ((unit: TenantUnit) => Promise<T>) | ((unit: PlatformUnit) => Promise<T>)): Promise<T> {
    const rows = copy(this.database(scope));
    const tracked: Array<{ aggregate: AggregateRoot; subject: EventSubject | undefined }> = [];
    const direct: CommittedEvent[] = [];
    const tenantSubject = scope === 'platform' ? undefined : { tenantId: scope.id, tenantSlug: scope.slug };
    const sessions = new InMemorySessionWrites(rows, (event) => direct.push({ event, subject: tenantSubject }));
    const serviceAccounts = new InMemoryServiceAccountWrites(rows, (a) => tracked.push({ aggregate: a, subject: tenantSubject! }));
    const secondFactors = new InMemorySecondFactorWrites(rows, (event) => direct.push({ event, subject: tenantSubject }));
    const result =
      scope === 'platform'
        ? await (work as (unit: PlatformUnit) => Promise<T>)({ tenants: new InMemoryTenantWrites(rows, (t) => tracked.push({ aggregate: t, subject: { tenantId: t.id, tenantSlug: t.slug } })), admins: new InMemoryPlatformAdminWrites(rows, (a) => tracked.push({ aggregate: a, subject: undefined })), sessions, serviceAccounts, secondFactors })
        : await (work as (unit: TenantUnit) => Promise<T>)({
            users: new InMemoryUserWrites(rows, (u) => tracked.push({ aggregate: u, subject: tenantSubject! })),
            sessions,
            serviceAccounts,
            secondFactors,
            tokens: new InMemoryAccountTokenWrites(rows, (event) => direct.push({ event, subject: tenantSubject })),
            mail: new InMemoryMailQueue(rows),
            invitations: new InMemoryInvitationWrites(rows, (event) => direct.push({ event, subject: tenantSubject })),
            signIns: {
              succeeded: (userId) => void direct.push({ event: { type: 'SignInSucceeded', targetId: userId }, subject: tenantSubject }),
              failed: (userId, reason) => void direct.push({ event: { type: 'SignInFailed', targetId: userId, reason }, subject: tenantSubject }),
            },
          });
    const events = [...tracked.flatMap(({ aggregate, subject }) => aggregate.pullDomainEvents().map((event) => ({ event, subject }))), ...direct];
    this.databases.set(scope === 'platform' ? 'platform' : scope.id, rows);
    this.committed.push(...events);
    if (events.length > 0) this.stampedWith.push(origin);
    if (events.length > 0) await this.effects.run(scope, events);
    return result;
  }

  eventTypes(): string[] {
    return this.committed.map((c) => c.event.type);
  }
}

class InMemoryAccountTokenWrites implements AccountTokenWrites {
  constructor(
    private readonly rows: Rows,
    private readonly record: (event: DomainEvent) => void,
  ) {}

  async issue(token: NewAccountToken, now: Date): Promise<void> {
    for (const t of this.rows.tokens) if (t.userId === token.userId && t.purpose === token.purpose && !t.usedAt && !t.supersededAt) t.supersededAt = now;
    this.rows.tokens.push({ ...token });
    if (token.purpose === 'PASSWORD_RESET') this.record({ type: 'PasswordResetRequested', targetId: token.userId });
  }

  async supersedeAll(userId: string, now: Date): Promise<void> {
    for (const t of this.rows.tokens) if (t.userId === userId && !t.usedAt && !t.supersededAt) t.supersededAt = now;
  }

  async inspect(purpose: AccountTokenPurpose, tokenHash: string, now: Date): Promise<AccountTokenState> {
    const t = this.rows.tokens.find((x) => x.tokenHash === tokenHash && x.purpose === purpose);
    if (!t) return { kind: 'unknown' };
    if (t.usedAt) return { kind: 'used' };
    if (t.supersededAt) return { kind: 'superseded' };
    if (t.expiresAt <= now) return { kind: 'expired' };
    return { kind: 'live', userId: t.userId };
  }

  async claim(purpose: AccountTokenPurpose, tokenHash: string, now: Date): Promise<AccountTokenState> {
    const state = await this.inspect(purpose, tokenHash, now);
    if (state.kind === 'live') this.rows.tokens.find((x) => x.tokenHash === tokenHash)!.usedAt = now;
    return state;
  }
}

class InMemoryInvitationWrites implements InvitationWrites {
  constructor(
    private readonly rows: Rows,
    private readonly record: (event: DomainEvent) => void,
  ) {}

  async create(invitation: NewInvitation, now: Date): Promise<Invitation> {
    for (const old of this.rows.invitations) {
      if (old.emailNormalized === invitation.emailNormalized && !old.acceptedAt && !old.revokedAt && old.expiresAt > now) {
        old.revokedAt = now;
        this.record({ type: 'InvitationRevoked', targetId: old.id });
      }
    }
    const stored = { ...invitation, createdAt: now, acceptedAt: null, revokedAt: null };
    this.rows.invitations.push(stored);
    this.record({ type: 'UserInvited', targetId: stored.id, email: stored.email, role: stored.role });
    return { ...stored };
  }

  async findByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
    const found = this.rows.invitations.find((i) => i.tokenHash === tokenHash);
    return found ? { ...found } : undefined;
  }

  async markAccepted(id: string, _userId: string, now: Date): Promise<void> {
    this.rows.invitations.find((i) => i.id === id)!.acceptedAt = now;
  }

  async revoke(id: string, now: Date): Promise<Invitation | undefined> {
    const found = this.rows.invitations.find((i) => i.id === id);
    if (found && !found.acceptedAt && !found.revokedAt) {
      found.revokedAt = now;
      this.record({ type: 'InvitationRevoked', targetId: id });
    }
    return found ? { ...found } : undefined;
  }

  async list(args: { beforeId?: string; limit: number }): Promise<Invitation[]> {
    return [...this.rows.invitations].filter((i) => !args.beforeId || i.id < args.beforeId).sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, args.limit);
  }
}

class InMemoryMailQueue implements MailQueueWrites {
  constructor(private readonly rows: Rows) {}

  async enqueue(mail: QueuedMail): Promise<void> {
    this.rows.mail.push(mail);
  }
}

class InMemoryUserWrites implements UserWrites {
  constructor(
    private readonly rows: Rows,
    private readonly track: (user: User) => void,
  ) {}

  async findById(id: string): Promise<User | undefined> {
    const stored = this.rows.users.get(id);
    return stored ? new User({ id: stored.id, email: stored.email, name: stored.name, passwordHash: stored.passwordHash, role: stored.role, status: stored.status, createdAt: stored.createdAt, updatedAt: stored.updatedAt, emailVerifiedAt: stored.emailVerifiedAt }) : undefined;
  }

  async findByEmail(email: Email): Promise<User | undefined> {
    const found = [...this.rows.users.values()].find((u) => u.email.normalized === email.normalized);
    return found ? this.findById(found.id) : undefined;
  }

  async claimFirstUser(): Promise<boolean> {
    return this.rows.users.size === 0;
  }

  async add(user: User): Promise<void> {
    if (await this.findByEmail(user.email)) throw DomainError.alreadyExists('EMAIL_TAKEN', 'a user with this email already exists in this tenant');
    this.rows.users.set(user.id, user);
    this.track(user);
  }

  async save(user: User): Promise<User | undefined> {
    if (user.givesUpOwnership && ![...this.rows.users.values()].some((u) => u.id !== user.id && u.role === 'OWNER' && u.isActive)) throw lastOwner();
    if (!this.rows.users.has(user.id)) return undefined;
    if (user.isRemoved) {
      this.rows.users.delete(user.id);
      this.rows.sessions = this.rows.sessions.filter((s) => s.userId !== user.id);
    } else {
      this.rows.users.set(user.id, user);
    }
    this.track(user);
    return user;
  }
}

class InMemoryTenantWrites implements TenantWrites {
  constructor(
    private readonly rows: Rows,
    private readonly track: (tenant: Tenant) => void,
  ) {}

  async findBySlug(slug: string): Promise<Tenant | undefined> {
    const t = this.rows.tenants.get(slug);
    if (!t) return undefined;
    return new Tenant({ id: t.id, slug: TenantSlug.parse(t.slug), displayName: t.displayName, status: t.status, databaseName: t.databaseName, databaseServer: t.databaseServer, schemaVersion: t.schemaVersion, selfSignUpEnabled: t.selfSignUpEnabled, createdAt: t.createdAt, updatedAt: t.updatedAt });
  }

  async add(tenant: Tenant): Promise<void> {
    if (this.rows.tenants.has(tenant.slug)) throw DomainError.alreadyExists('TENANT_ALREADY_EXISTS', `tenant '${tenant.slug}' already exists`);
    this.rows.tenants.set(tenant.slug, tenant);
    this.track(tenant);
  }

  async save(tenant: Tenant): Promise<Tenant | undefined> {
    if (this.rows.tenants.get(tenant.slug)?.id !== tenant.id) return undefined;
    if (tenant.isRemoved) this.rows.tenants.delete(tenant.slug);
    else this.rows.tenants.set(tenant.slug, tenant);
    this.track(tenant);
    return tenant;
  }
}

class InMemorySessionWrites implements SessionWrites {
  constructor(
    private readonly rows: Rows,
    private readonly record: (event: DomainEvent) => void,
  ) {}

  async create(token: NewRefreshToken): Promise<void> {
    this.rows.sessions.push({ familyId: token.familyId, userId: token.userId, revoked: false });
  }

  async rotate(_presentedHash: string, _successor: Omit<NewRefreshToken, 'familyId' | 'userId'>, _now: Date, _graceSince?: Date): Promise<RotationResult> {
    return { kind: 'invalid' };
  }

  async revokeFamilyOf(_presentedHash: string, _now: Date): Promise<boolean> {
    return false;
  }

  async revokeFamily(familyId: string, now: Date, reason: SessionRevocationReason): Promise<void> {
    const live = this.rows.sessions.filter((s) => s.familyId === familyId && !s.revoked);
    this.revoke(live, live[0]?.userId ?? '', familyId, now, reason);
  }

  async revokeUserSessions(userId: string, now: Date, reason: SessionRevocationReason, keepFamilyId?: string): Promise<number> {
    return this.revoke(this.rows.sessions.filter((s) => s.userId === userId && s.familyId !== keepFamilyId && !s.revoked), userId, undefined, now, reason);
  }

  async revokeSessionOf(userId: string, familyId: string, now: Date, reason: SessionRevocationReason): Promise<boolean> {
    const mine = this.rows.sessions.filter((s) => s.userId === userId && s.familyId === familyId);
    if (mine.length === 0) return false;
    this.revoke(mine.filter((s) => !s.revoked), userId, familyId, now, reason);
    return true;
  }

  private revoke(live: Session[], userId: string, sessionId: string | undefined, _now: Date, reason: SessionRevocationReason): number {
    if (live.length === 0) return 0;
    for (const s of live) s.revoked = true;
    this.record({ type: 'SessionRevoked', targetId: userId, sessionId, reason });
    return new Set(live.map((s) => s.familyId)).size;
  }
}

/** The platform's super-admins; re-created on read so a unit works on its own copy. The last-admin rule as PrismaPlatformAdminWrites decides it. */
class InMemoryPlatformAdminWrites implements PlatformAdminWrites {
  constructor(
    private readonly rows: Rows,
    private readonly track: (admin: SuperAdmin) => void,
  ) {}

  private fresh(a: SuperAdmin): SuperAdmin {
    return new SuperAdmin({ id: a.id, email: a.email, name: a.name, passwordHash: a.passwordHash, createdAt: a.createdAt });
  }

  async findById(id: string): Promise<SuperAdmin | undefined> {
    const a = this.rows.admins.get(id);
    return a ? this.fresh(a) : undefined;
  }

  async findByEmail(email: Email): Promise<SuperAdmin | undefined> {
    const a = [...this.rows.admins.values()].find((x) => x.email.normalized === email.normalized);
    return a ? this.fresh(a) : undefined;
  }

  async add(admin: SuperAdmin): Promise<void> {
    if (await this.findByEmail(admin.email)) throw superAdminEmailTaken();
    this.rows.admins.set(admin.id, admin);
    this.track(admin);
  }

  async save(admin: SuperAdmin): Promise<boolean> {
    if (!this.rows.admins.has(admin.id)) return false;
    if (admin.isRemoved) {
      if (this.rows.admins.size <= 1) throw lastSuperAdmin();
      this.rows.admins.delete(admin.id);
    } else this.rows.admins.set(admin.id, admin);
    this.track(admin);
    return true;
  }
}

/** Service accounts of one database; stored by reference, re-created on read so a unit works on its own copy. */
class InMemoryServiceAccountWrites implements ServiceAccountWrites {
  constructor(
    private readonly rows: Rows,
    private readonly track: (account: ServiceAccount) => void,
  ) {}

  async findById(id: string): Promise<ServiceAccount | undefined> {
    const a = this.rows.serviceAccounts.get(id);
    return a
      ? new ServiceAccount({ id: a.id, name: a.name, description: a.description, role: a.role, status: a.status, credentials: [...a.credentials], lastUsedAt: a.lastUsedAt, createdAt: a.createdAt })
      : undefined;
  }

  async add(account: ServiceAccount): Promise<void> {
    this.rows.serviceAccounts.set(account.id, account);
    this.track(account);
  }

  async save(account: ServiceAccount): Promise<boolean> {
    if (!this.rows.serviceAccounts.has(account.id)) return false;
    if (account.isRemoved) this.rows.serviceAccounts.delete(account.id);
    else this.rows.serviceAccounts.set(account.id, account);
    this.track(account);
    return true;
  }

  private readonly claimed = new Set<string>();

  async claimAssertion(id: string): Promise<boolean> {
    if (this.claimed.has(id)) return false;
    this.claimed.add(id);
    return true;
  }

  async markUsed(accountId: string, credentialId: string, at: Date): Promise<void> {
    const a = this.rows.serviceAccounts.get(accountId);
    if (!a) return;
    this.rows.serviceAccounts.set(
      accountId,
      new ServiceAccount({ id: a.id, name: a.name, description: a.description, role: a.role, status: a.status, credentials: a.credentials.map((c) => (c.id === credentialId ? { ...c, lastUsedAt: at } : c)), lastUsedAt: at, createdAt: a.createdAt }),
    );
  }
}

/** Second factors of one database; rows are replaced, never changed in place, so a rolled-back unit leaves no trace. */
class InMemorySecondFactorWrites implements SecondFactorWrites {
  constructor(
    private readonly rows: Rows,
    private readonly record: (event: DomainEvent) => void,
  ) {}

  async beginEnrollment(userId: string, secret: string): Promise<boolean> {
    if (this.rows.secondFactors.get(userId)?.confirmed) return false;
    this.rows.secondFactors.set(userId, { secret, confirmed: false, lastStep: 0, recoveryCodeHashes: [] });
    return true;
  }

  async confirm(userId: string, secret: string, step: number, recoveryCodeHashes: string[]): Promise<boolean> {
    const row = this.rows.secondFactors.get(userId);
    if (!row || row.confirmed || row.secret !== secret) return false;
    this.rows.secondFactors.set(userId, { ...row, confirmed: true, lastStep: step, recoveryCodeHashes: [...recoveryCodeHashes] });
    this.record({ type: 'SecondFactorEnabled', targetId: userId });
    return true;
  }

  async acceptStep(userId: string, step: number): Promise<boolean> {
    const row = this.rows.secondFactors.get(userId);
    if (!row?.confirmed || row.lastStep >= step) return false;
    this.rows.secondFactors.set(userId, { ...row, lastStep: step });
    return true;
  }

  async useRecoveryCode(userId: string, codeHash: string): Promise<boolean> {
    const row = this.rows.secondFactors.get(userId);
    if (!row?.confirmed || !row.recoveryCodeHashes.includes(codeHash)) return false;
    const left = row.recoveryCodeHashes.filter((h) => h !== codeHash);
    this.rows.secondFactors.set(userId, { ...row, recoveryCodeHashes: left });
    this.record({ type: 'RecoveryCodeUsed', targetId: userId, remaining: left.length });
    return true;
  }

  async remove(userId: string): Promise<boolean> {
    const row = this.rows.secondFactors.get(userId);
    if (!row) return false;
    this.rows.secondFactors.delete(userId);
    if (row.confirmed) this.record({ type: 'SecondFactorDisabled', targetId: userId });
    return true;
  }
}
