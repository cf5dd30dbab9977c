import { AfterCommitEffects, CommittedEvent, EventSubject, RelaySignal } from '../../../src/application/shared/after-commit-effects';
import { PlatformUnit, TenantUnit, UnitOfWork, UnitScope } from '../../../src/application/shared/unit-of-work';
import { NewRefreshToken, RotationResult, SessionWrites } from '../../../src/domain/auth/refresh-token-store';
import { DomainEvent, SessionRevocationReason } from '../../../src/domain/events/domain-event';
import { AggregateRoot } from '../../../src/domain/shared/aggregate-root';
import { DomainError } from '../../../src/domain/shared/domain-error';
import { Email } from '../../../src/domain/shared/email';
import { Tenant } from '../../../src/domain/tenant/tenant';
import { TenantWrites } from '../../../src/domain/tenant/tenant-repository';
import { TenantSlug } from '../../../src/domain/tenant/tenant-slug';
import { lastOwner, User } from '../../../src/domain/user/user';
import { UserWrites } from '../../../src/domain/user/user-repository';

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
}

const copy = (rows: Rows): Rows => ({ users: new Map(rows.users), tenants: new Map(rows.tenants), sessions: rows.sessions.map((s) => ({ ...s })) });

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
    );
  }

  database(scope: UnitScope): Rows {
    const name = scope === 'platform' ? 'platform' : scope.id;
    let rows = this.databases.get(name);
    if (!rows) this.databases.set(name, (rows = { users: new Map(), tenants: new Map(), sessions: [] }));
    return rows;
  }

  /** Stores a user as if committed earlier (a copy: the test's object stays its own). */
  givenUser(tenant: Tenant, user: User): void {
    this.database(tenant).users.set(user.id, user);
  }

  givenTenant(tenant: Tenant): void {
    this.database('platform').tenants.set(tenant.slug, tenant);
  }

  givenSession(tenant: Tenant, userId: string, familyId: string): void {
    this.database(tenant).sessions.push({ familyId, userId, revoked: false });
  }

  run<T>(scope: Tenant, work: (unit: TenantUnit) => Promise<T>): Promise<T>;
  run<T>(scope: 'platform', work: (unit: PlatformUnit) => Promise<T>): Promise<T>;
  async run<T>(scope: UnitScope, work: ((unit: TenantUnit) => Promise<T>) | ((unit: PlatformUnit) => Promise<T>)): Promise<T> {
    const rows = copy(this.database(scope));
    const tracked: Array<{ aggregate: AggregateRoot; subject: EventSubject }> = [];
    const direct: CommittedEvent[] = [];
    const tenantSubject = scope === 'platform' ? undefined : { tenantId: scope.id, tenantSlug: scope.slug };
    const sessions = new InMemorySessionWrites(rows, (event) => direct.push({ event, subject: tenantSubject }));
    const result =
      scope === 'platform'
        ? await (work as (unit: PlatformUnit) => Promise<T>)({ tenants: new InMemoryTenantWrites(rows, (t) => tracked.push({ aggregate: t, subject: { tenantId: t.id, tenantSlug: t.slug } })), sessions })
        : await (work as (unit: TenantUnit) => Promise<T>)({ users: new InMemoryUserWrites(rows, (u) => tracked.push({ aggregate: u, subject: tenantSubject! })), sessions });
    const events = [...tracked.flatMap(({ aggregate, subject }) => aggregate.pullDomainEvents().map((event) => ({ event, subject }))), ...direct];
    this.databases.set(scope === 'platform' ? 'platform' : scope.id, rows);
    this.committed.push(...events);
    if (events.length > 0) await this.effects.run(scope, events);
    return result;
  }

  eventTypes(): string[] {
    return this.committed.map((c) => c.event.type);
  }
}

class InMemoryUserWrites implements UserWrites {
  constructor(
    private readonly rows: Rows,
    private readonly track: (user: User) => void,
  ) {}

  async findById(id: string): Promise<User | undefined> {
    const stored = this.rows.users.get(id);
    return stored ? new User({ id: stored.id, email: stored.email, name: stored.name, passwordHash: stored.passwordHash, role: stored.role, status: stored.status, createdAt: stored.createdAt, updatedAt: stored.updatedAt }) : undefined;
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

  async rotate(_presentedHash: string, _successor: Omit<NewRefreshToken, 'familyId' | 'userId'>, _now: Date): Promise<RotationResult> {
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
