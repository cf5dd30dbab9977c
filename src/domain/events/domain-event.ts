import { TenantRole, UserStatus } from '../user/user';

export type SessionRevocationReason = 'LOGOUT' | 'REUSE_DETECTED' | 'PASSWORD_CHANGED' | 'USER_DISABLED';

/**
 * Something that happened, recorded in the same transaction as the change (transactional outbox) and
 * published to other services. `targetId` is what the event is about.
 */
export type DomainEvent =
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

export type EventFamily = 'user' | 'session' | 'tenant';

export function familyOf(event: DomainEvent): EventFamily {
  if (event.type === 'SessionRevoked') return 'session';
  return event.type.startsWith('Tenant') ? 'tenant' : 'user';
}
