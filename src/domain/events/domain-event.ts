import { Role } from '../auth/principal';
import { TenantRole, UserStatus } from '../user/user-attributes';

/**
 * Why a sign-in with a known account's email was refused (unknown emails are not recorded): at the password
 * (Login) or, after the right password, at the second factor (VerifySecondFactor, a required enrollment).
 */
export type SignInFailureReason = 'WRONG_PASSWORD' | 'LOCKED' | 'EMAIL_NOT_VERIFIED' | 'WRONG_SECOND_FACTOR' | 'SECOND_FACTOR_LOCKED';

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
  /** A password reset was requested for an existing active user: says that, never with what token. */
  | { type: 'PasswordResetRequested'; targetId: string }
  /** A user set a new password with a reset token (their sessions ended, their lockout cleared). */
  | { type: 'PasswordReset'; targetId: string }
  /** A user proved their email with a verification link. */
  | { type: 'EmailVerified'; targetId: string }
  /** An OWNER or ADMIN invited someone (targetId: the invitation's id); the token is never in it. */
  | { type: 'UserInvited'; targetId: string; email: string; role: TenantRole }
  /** A tenant user signed in (a new session). */
  | { type: 'SignInSucceeded'; targetId: string }
  /** A sign-in to a known account was refused; `LOCKED`: this failure locked the account. */
  | { type: 'SignInFailed'; targetId: string; reason: SignInFailureReason }
  /** An invitation was revoked (by an admin, or by a newer invitation of the same address). */
  | { type: 'InvitationRevoked'; targetId: string }
  | { type: 'SessionRevoked'; targetId: string; sessionId?: string; reason: SessionRevocationReason }
  /** A user (or super-admin) turned a TOTP second factor on (the secret is never in it). */
  | { type: 'SecondFactorEnabled'; targetId: string }
  /** A user's TOTP second factor was turned off. */
  | { type: 'SecondFactorDisabled'; targetId: string }
  /** A user signed in with one of their recovery codes (never the code); `remaining` are left. */
  | { type: 'RecoveryCodeUsed'; targetId: string; remaining: number }
  | { type: 'TenantCreated'; targetId: string; slug: string; displayName: string }
  | { type: 'TenantUpdated'; targetId: string; changedFields: string[] }
  | { type: 'TenantSuspended'; targetId: string }
  | { type: 'TenantReactivated'; targetId: string }
  | { type: 'TenantDeleted'; targetId: string }
  | { type: 'ServiceAccountCreated'; targetId: string; name: string; role: Role }
  | { type: 'ServiceAccountDisabled'; targetId: string }
  | { type: 'ServiceAccountDeleted'; targetId: string }
  | { type: 'ServiceAccountCredentialAdded'; targetId: string; credentialId: string }
  | { type: 'ServiceAccountCredentialRevoked'; targetId: string; credentialId: string }
  /** A platform super-admin was created (targetId: their id). */
  | { type: 'SuperAdminCreated'; targetId: string; email: string; name: string }
  /** A platform super-admin was removed; their sessions ended with them. */
  | { type: 'SuperAdminRemoved'; targetId: string }
  /** A platform super-admin changed their password (their other sessions ended). */
  | { type: 'SuperAdminPasswordChanged'; targetId: string };

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
  if (event.type === 'SessionRevoked' || event.type === 'SignInSucceeded' || event.type === 'SignInFailed') return 'session';
  return event.type.startsWith('Tenant') ? 'tenant' : 'user';
}
