import { TenantRole, UserStatus } from '../user/user-attributes';

export type SessionRevocationReason = 'LOGOUT' | 'REUSE_DETECTED' | 'PASSWORD_CHANGED' | 'USER_DISABLED' | 'REVOKED_BY_USER' | 'REVOKED_BY_ADMIN';

/**
 * Something that happened, recorded by the entity it happened to and written in the same transaction as
 * the change (transactional outbox). `targetId` is what the event is about.
 */
export type PublishedEvent =
  | { type: 'UserRegistered'; targetId: string; email: string; role: TenantRole; selfSignUp: boolean }
  | { type: 'UserUpdated'; targetId: string; changedFields: string[] }
  | { type: 'UserRoleChanged'; targetId: string; oldRole: TenantRole; newRole: TenantRole }
  | { type: 'UserStatusChanged'; targetId: string; oldStatus: UserStatus; newStatus: UserStatus }
  | { type: 'UserDeleted'; targetId: string }
  | { type: 'PasswordChanged'; targetId: string }
  | { type: 'SessionRevoked'; targetId: string; sessionId?: string; reason: SessionRevocationReason }
  | { type: 'TenantCreated'; targetId: string; slug: string; displayName: string }
  | { type: 'TenantUpdated'; targetId: string; changedFields: string[] }
  | { type: 'TenantSuspended'; targetId: string }
  | { type: 'TenantReactivated'; targetId: string }
  | { type: 'TenantDeleted'; targetId: string };

/**
 * Changes other parts of this service must react to (a cached registry entry is out of date) but that
 * are not announced to other services: they have after-commit effects and never reach the outbox.
 */
export type InternalEvent =
  | { type: 'TenantDeletionStarted'; targetId: string }
  /** The registry entry of a tenant that never finished provisioning (and was never announced) is gone. */
  | { type: 'TenantDiscarded'; targetId: string }
  | { type: 'TenantSchemaMigrated'; targetId: string; schemaVersion: string };

export type DomainEvent = PublishedEvent | InternalEvent;
export type DomainEventType = DomainEvent['type'];

const INTERNAL: ReadonlySet<DomainEventType> = new Set<InternalEvent['type']>(['TenantDeletionStarted', 'TenantDiscarded', 'TenantSchemaMigrated']);

export function isPublished(event: DomainEvent): event is PublishedEvent {
  return !INTERNAL.has(event.type);
}

export type EventFamily = 'user' | 'session' | 'tenant';

export function familyOf(event: PublishedEvent): EventFamily {
  if (event.type === 'SessionRevoked') return 'session';
  return event.type.startsWith('Tenant') ? 'tenant' : 'user';
}
