import { RequestOrigin } from '../../domain/shared/request-origin';
import { Role as DomainRole } from '../../domain/auth/principal';
import { PublishedEvent, SignInFailureReason } from '../../domain/events/domain-event';
import { UserStatus as DomainUserStatus } from '../../domain/user/user';
import { Role } from '../../gen/proto/userservice/v1/access';
import { EventEnvelope, SessionRevocationReason, SignInFailureReason as SignInFailureReasonMessage } from '../../gen/proto/userservice/v1/events';
import { UserStatus } from '../../gen/proto/userservice/v1/user';

const ROLES: Record<DomainRole, Role> = { SUPER_ADMIN: Role.ROLE_SUPER_ADMIN, OWNER: Role.ROLE_OWNER, ADMIN: Role.ROLE_ADMIN, MEMBER: Role.ROLE_MEMBER };
const STATUSES: Record<DomainUserStatus, UserStatus> = { ACTIVE: UserStatus.USER_STATUS_ACTIVE, DISABLED: UserStatus.USER_STATUS_DISABLED };
const REASONS = {
  LOGOUT: SessionRevocationReason.SESSION_REVOCATION_REASON_LOGOUT,
  REUSE_DETECTED: SessionRevocationReason.SESSION_REVOCATION_REASON_REUSE_DETECTED,
  PASSWORD_CHANGED: SessionRevocationReason.SESSION_REVOCATION_REASON_PASSWORD_CHANGED,
  USER_DISABLED: SessionRevocationReason.SESSION_REVOCATION_REASON_USER_DISABLED,
  REVOKED_BY_USER: SessionRevocationReason.SESSION_REVOCATION_REASON_REVOKED_BY_USER,
  REVOKED_BY_ADMIN: SessionRevocationReason.SESSION_REVOCATION_REASON_REVOKED_BY_ADMIN,
} as const;

/** The tenant an event belongs to; undefined for platform events. */
export interface EventScope {
  tenantId: string;
  tenantSlug: string;
}

/** A domain event as the published protobuf envelope. */
export function toEnvelope(id: string, event: PublishedEvent, scope: EventScope | undefined, origin: RequestOrigin, at: Date): EventEnvelope {
  return {
    eventId: id,
    tenantId: scope?.tenantId ?? '',
    tenantSlug: scope?.tenantSlug ?? '',
    occurTime: at,
    actor: origin.actorId
      ? { id: origin.actorId, role: ROLES[origin.actorRole as DomainRole] ?? Role.ROLE_UNSPECIFIED, serviceAccount: origin.actorIsServiceAccount === true }
      : undefined,
    requestId: origin.requestId ?? '',
    callerAddress: origin.callerAddress ?? '',
    event: body(event),
  };
}

const SIGN_IN_FAILURES: Record<SignInFailureReason, SignInFailureReasonMessage> = {
  WRONG_PASSWORD: SignInFailureReasonMessage.SIGN_IN_FAILURE_REASON_WRONG_PASSWORD,
  LOCKED: SignInFailureReasonMessage.SIGN_IN_FAILURE_REASON_LOCKED,
  EMAIL_NOT_VERIFIED: SignInFailureReasonMessage.SIGN_IN_FAILURE_REASON_EMAIL_NOT_VERIFIED,
  WRONG_SECOND_FACTOR: SignInFailureReasonMessage.SIGN_IN_FAILURE_REASON_WRONG_SECOND_FACTOR,
  SECOND_FACTOR_LOCKED: SignInFailureReasonMessage.SIGN_IN_FAILURE_REASON_SECOND_FACTOR_LOCKED,
};

function body(e: PublishedEvent): EventEnvelope['event'] {
  switch (e.type) {
    case 'UserRegistered':
      return { $case: 'userRegistered', value: { userId: e.targetId, email: e.email, role: ROLES[e.role], selfSignUp: e.selfSignUp } };
    case 'UserUpdated':
      return { $case: 'userUpdated', value: { userId: e.targetId, changedFields: e.changedFields } };
    case 'UserRoleChanged':
      return { $case: 'userRoleChanged', value: { userId: e.targetId, oldRole: ROLES[e.oldRole], newRole: ROLES[e.newRole] } };
    case 'UserStatusChanged':
      return { $case: 'userStatusChanged', value: { userId: e.targetId, oldStatus: STATUSES[e.oldStatus], newStatus: STATUSES[e.newStatus] } };
    case 'UserDeleted':
      return { $case: 'userDeleted', value: { userId: e.targetId } };
    case 'PasswordChanged':
      return { $case: 'passwordChanged', value: { userId: e.targetId } };
    case 'PasswordResetRequested':
      return { $case: 'passwordResetRequested', value: { userId: e.targetId } };
    case 'PasswordReset':
      return { $case: 'passwordReset', value: { userId: e.targetId } };
    case 'EmailVerified':
      return { $case: 'emailVerified', value: { userId: e.targetId } };
    case 'UserInvited':
      return { $case: 'userInvited', value: { invitationId: e.targetId, email: e.email, role: ROLES[e.role] } };
    case 'InvitationRevoked':
      return { $case: 'invitationRevoked', value: { invitationId: e.targetId } };
    case 'SignInSucceeded':
      return { $case: 'signInSucceeded', value: { userId: e.targetId } };
    case 'SignInFailed':
      return { $case: 'signInFailed', value: { userId: e.targetId, reason: SIGN_IN_FAILURES[e.reason] } };
    case 'SessionRevoked':
      return { $case: 'sessionRevoked', value: { userId: e.targetId, sessionId: e.sessionId ?? '', reason: REASONS[e.reason] } };
    case 'SecondFactorEnabled':
      return { $case: 'secondFactorEnabled', value: { userId: e.targetId } };
    case 'SecondFactorDisabled':
      return { $case: 'secondFactorDisabled', value: { userId: e.targetId } };
    case 'RecoveryCodeUsed':
      return { $case: 'recoveryCodeUsed', value: { userId: e.targetId, remaining: e.remaining } };
    case 'TenantCreated':
      return { $case: 'tenantCreated', value: { slug: e.slug, displayName: e.displayName } };
    case 'TenantUpdated':
      return { $case: 'tenantUpdated', value: { changedFields: e.changedFields } };
    case 'TenantSuspended':
      return { $case: 'tenantSuspended', value: {} };
    case 'TenantReactivated':
      return { $case: 'tenantReactivated', value: {} };
    case 'TenantDeleted':
      return { $case: 'tenantDeleted', value: {} };
    case 'ServiceAccountCreated':
      return { $case: 'serviceAccountCreated', value: { serviceAccountId: e.targetId, name: e.name, role: ROLES[e.role] } };
    case 'ServiceAccountDisabled':
      return { $case: 'serviceAccountDisabled', value: { serviceAccountId: e.targetId } };
    case 'ServiceAccountDeleted':
      return { $case: 'serviceAccountDeleted', value: { serviceAccountId: e.targetId } };
    case 'ServiceAccountCredentialAdded':
      return { $case: 'serviceAccountCredentialAdded', value: { serviceAccountId: e.targetId, credentialId: e.credentialId } };
    case 'ServiceAccountCredentialRevoked':
      return { $case: 'serviceAccountCredentialRevoked', value: { serviceAccountId: e.targetId, credentialId: e.credentialId } };
    case 'SuperAdminCreated':
      return { $case: 'superAdminCreated', value: { superAdminId: e.targetId, email: e.email, name: e.name } };
    case 'SuperAdminRemoved':
      return { $case: 'superAdminRemoved', value: { superAdminId: e.targetId } };
    case 'SuperAdminPasswordChanged':
      return { $case: 'superAdminPasswordChanged', value: { superAdminId: e.targetId } };
  }
}

export function encodeEnvelope(envelope: EventEnvelope): Uint8Array<ArrayBuffer> {
  return EventEnvelope.encode(envelope).finish() as Uint8Array<ArrayBuffer>;
}
