import { DomainEvent, DomainEventType } from '../../domain/events/domain-event';
import { TenantDirectory } from '../tenant/tenant-directory';
import { UserReader } from '../user/user-reader';
import { RevokedSessions } from '../auth/revoked-sessions';
import { UnitScope } from './unit-of-work';
import { PlatformAdminReader } from '../platform-admin/platform-admin-reader';

/**
 * What must happen once a change has committed, by event type:
 * - `forget-user`: the cached user (GetMe, GetUser, every call's account check) is dropped on every replica;
 * - `forget-tenant`: the cached registry entry of the tenant, by slug (including a cached "not found" of a
 *   tenant just created), is dropped on every replica;
 * - `forget-service-account`: the cached service account (every call's service-account check) is dropped on
 *   every replica;
 * - `forget-sessions`: the cached list of the user's revoked sessions (read by every call's revoked-session
 *   check) is dropped on every replica, so the revoked session's access tokens are refused from then on;
 * - `forget-platform-admin`: the cached existence of a super-admin (every super-admin call's account check)
 *   is dropped on every replica, so a removed super-admin's access tokens are refused from then on;
 * - `wake-relay`: the outbox relay publishes the event now rather than at its next scan.
 * A new event type does not compile until it has its row here.
 */
export type AfterCommitEffect = 'forget-user' | 'forget-tenant' | 'forget-service-account' | 'forget-sessions' | 'forget-platform-admin' | 'wake-relay';

export const AFTER_COMMIT_EFFECTS: { readonly [T in DomainEventType]: readonly AfterCommitEffect[] } = {
  UserRegistered: ['forget-user', 'wake-relay'],
  UserUpdated: ['forget-user', 'wake-relay'],
  UserRoleChanged: ['forget-user', 'wake-relay'],
  UserStatusChanged: ['forget-user', 'wake-relay'],
  UserDeleted: ['forget-user', 'wake-relay'],
  PasswordChanged: ['forget-user', 'wake-relay'],
  PasswordResetRequested: ['wake-relay'],
  PasswordReset: ['forget-user', 'wake-relay'],
  EmailVerified: ['forget-user', 'wake-relay'],
  UserInvited: ['wake-relay'],
  InvitationRevoked: ['wake-relay'],
  SignInSucceeded: ['wake-relay'],
  SignInFailed: ['wake-relay'],
  SessionRevoked: ['forget-sessions', 'wake-relay'],
  SecondFactorEnabled: ['wake-relay'],
  SecondFactorDisabled: ['wake-relay'],
  RecoveryCodeUsed: ['wake-relay'],
  TenantCreated: ['forget-tenant', 'wake-relay'],
  TenantUpdated: ['forget-tenant', 'wake-relay'],
  TenantSuspended: ['forget-tenant', 'wake-relay'],
  TenantReactivated: ['forget-tenant', 'wake-relay'],
  TenantDeleted: ['forget-tenant', 'wake-relay'],
  TenantDeletionStarted: ['forget-tenant'],
  TenantDiscarded: ['forget-tenant'],
  TenantSchemaMigrated: ['forget-tenant'],
  ServiceAccountCreated: ['forget-service-account', 'wake-relay'],
  ServiceAccountDisabled: ['forget-service-account', 'wake-relay'],
  ServiceAccountDeleted: ['forget-service-account', 'wake-relay'],
  ServiceAccountCredentialAdded: ['wake-relay'],
  ServiceAccountCredentialRevoked: ['wake-relay'],
  SuperAdminCreated: ['forget-platform-admin', 'wake-relay'],
  SuperAdminRemoved: ['forget-platform-admin', 'wake-relay'],
  SuperAdminPasswordChanged: ['wake-relay'],
};

/** The tenant an event is about or within (for user and session events, the tenant whose database holds them). */
export interface EventSubject {
  tenantId: string;
  tenantSlug: string;
}

/** An event of a committed unit, with where it happened. */
export interface CommittedEvent {
  event: DomainEvent;
  /** Undefined for platform events (super-admins' sessions). */
  subject: EventSubject | undefined;
}

/** Port: wakes the outbox relay for the database a unit committed events to. */
export interface RelaySignal {
  wake(scope: UnitScope): void;
}

/** Runs the effects of a committed unit's events. Cache invalidation never fails (see ReadCache). */
export class AfterCommitEffects {
  constructor(
    private readonly users: Pick<UserReader, 'invalidate'>,
    private readonly directory: Pick<TenantDirectory, 'invalidate'>,
    private readonly relay: RelaySignal,
    private readonly revokedSessions: Pick<RevokedSessions, 'invalidate'>,
    /** Service accounts by scope ('platform' or the tenant id) and id; see ServiceAccountReader. */
    private readonly serviceAccounts?: { invalidate(scopeId: string, id: string): Promise<void> },
    /** Super-admins by id; see PlatformAdminReader. */
    private readonly platformAdmins?: Pick<PlatformAdminReader, 'invalidate'>,
  ) {}

  async run(scope: UnitScope, events: readonly CommittedEvent[]): Promise<void> {
    const forgetUsers = new Map<string, { tenantId: string; userId: string }>();
    const forgetSlugs = new Set<string>();
    const forgetAccounts = new Map<string, { scopeId: string; id: string }>();
    const forgetSessions = new Map<string, { scope: string; userId: string }>();
    const forgetAdmins = new Set<string>();
    let wake = false;
    for (const { event, subject } of events) {
      for (const effect of AFTER_COMMIT_EFFECTS[event.type]) {
        if (effect === 'wake-relay') wake = true;
        else if (effect === 'forget-tenant' && subject) forgetSlugs.add(subject.tenantSlug);
        else if (effect === 'forget-service-account') {
          const scopeId = subject?.tenantId ?? 'platform';
          forgetAccounts.set(`${scopeId}/${event.targetId}`, { scopeId, id: event.targetId });
        } else if (effect === 'forget-sessions') {
          const owner = subject ? subject.tenantId : 'platform';
          forgetSessions.set(`${owner}/${event.targetId}`, { scope: owner, userId: event.targetId });
        } else if (effect === 'forget-platform-admin') forgetAdmins.add(event.targetId);
        else if (effect === 'forget-user' && subject) forgetUsers.set(`${subject.tenantId}/${event.targetId}`, { tenantId: subject.tenantId, userId: event.targetId });
      }
    }
    if (wake) this.relay.wake(scope);
    await Promise.all([
      ...[...forgetUsers.values()].map(({ tenantId, userId }) => this.users.invalidate(tenantId, userId)),
      ...[...forgetSlugs].map((slug) => this.directory.invalidate(slug)),
      ...[...forgetAccounts.values()].map(({ scopeId, id }) => this.serviceAccounts?.invalidate(scopeId, id)),
      ...[...forgetSessions.values()].map(({ scope, userId }) => this.revokedSessions.invalidate(scope, userId)),
      ...[...forgetAdmins].map((id) => this.platformAdmins?.invalidate(id)),
    ]);
  }
}
