/**
 * The one catalog of error reasons: every `google.rpc.ErrorInfo.reason` the service sends, its one gRPC code
 * and what it means to a caller. `DomainError` takes its code from here (so a reason can never answer two
 * codes), `toGrpcStatus` maps it, and README's "Errors" section lists every entry (a unit test holds it).
 * A new reason is added here first; an unknown one does not compile.
 */

/** The gRPC codes (by name) our reasons map to. */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'FAILED_PRECONDITION'
  | 'RESOURCE_EXHAUSTED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface ErrorReasonEntry {
  code: ErrorCode;
  meaning: string;
}

export const ERROR_REASONS = {
  INVALID_ARGUMENT: { code: 'INVALID_ARGUMENT', meaning: 'One or more request fields or headers are invalid; a google.rpc.BadRequest lists each by its proto path (or header name).' },

  TOKEN_MISSING: { code: 'UNAUTHENTICATED', meaning: 'The method needs an access token and none was sent.' },
  TOKEN_MALFORMED: { code: 'UNAUTHENTICATED', meaning: 'The authorization header is not exactly one "Bearer <JWT>".' },
  TOKEN_INVALID: { code: 'UNAUTHENTICATED', meaning: 'The access token failed verification (signature, key, issuer, audience, claims).' },
  TOKEN_EXPIRED: { code: 'UNAUTHENTICATED', meaning: 'The access token has expired; refresh it or sign in again.' },
  INVALID_CREDENTIALS: { code: 'UNAUTHENTICATED', meaning: 'Email or password is incorrect (the same answer for an unknown email).' },
  REFRESH_TOKEN_INVALID: { code: 'UNAUTHENTICATED', meaning: 'The refresh token is unknown, expired, revoked or already used; sign in again.' },
  INVALID_CLIENT: { code: 'UNAUTHENTICATED', meaning: 'The service account credential is unknown, revoked, expired or does not belong to the client id, or the account is disabled (one answer for all).' },
  RESET_TOKEN_INVALID: { code: 'UNAUTHENTICATED', meaning: 'The password reset token is unknown in this tenant (mistyped, altered, or from another tenant), or its user was disabled or deleted; request a new one.' },
  RESET_TOKEN_EXPIRED: { code: 'UNAUTHENTICATED', meaning: 'The password reset token is older than its lifetime (PASSWORD_RESET_TTL_MINUTES); request a new one.' },
  RESET_TOKEN_USED: { code: 'UNAUTHENTICATED', meaning: 'The password reset token was already used; request a new one if needed.' },
  RESET_TOKEN_SUPERSEDED: { code: 'UNAUTHENTICATED', meaning: 'A newer password reset was requested, or the account\'s email was changed, since this token was sent: use the link of the latest message, or ask for a new one.' },
  VERIFICATION_TOKEN_INVALID: { code: 'UNAUTHENTICATED', meaning: 'The email verification token is unknown in this tenant (mistyped, altered, or from another tenant), or its user was disabled or deleted.' },
  VERIFICATION_TOKEN_EXPIRED: { code: 'UNAUTHENTICATED', meaning: 'The email verification token is older than EMAIL_VERIFICATION_TTL_HOURS; ask for a new one (ResendVerification).' },
  VERIFICATION_TOKEN_USED: { code: 'UNAUTHENTICATED', meaning: 'The email verification token was already used.' },
  VERIFICATION_TOKEN_SUPERSEDED: { code: 'UNAUTHENTICATED', meaning: 'A newer verification message was sent, or the account\'s email was changed, since this token: use the link of the latest message.' },
  INVITATION_TOKEN_INVALID: { code: 'UNAUTHENTICATED', meaning: 'The invitation token is unknown in this tenant (mistyped, altered, or from another tenant).' },
  INVITATION_EXPIRED: { code: 'UNAUTHENTICATED', meaning: 'The invitation is older than INVITATION_TTL_HOURS; ask for a new one.' },
  INVITATION_USED: { code: 'UNAUTHENTICATED', meaning: 'The invitation was already accepted; sign in instead.' },
  INVITATION_REVOKED: { code: 'UNAUTHENTICATED', meaning: 'The invitation was revoked (by an administrator, or by a newer invitation of the same address).' },
  USER_INACTIVE: { code: 'UNAUTHENTICATED', meaning: 'The account of this access token was deleted or disabled since the token was issued.' },
  SECOND_FACTOR_INVALID: { code: 'UNAUTHENTICATED', meaning: 'The TOTP code or recovery code is wrong, outside one time step of now, or already used.' },
  CHALLENGE_INVALID: { code: 'UNAUTHENTICATED', meaning: 'The sign-in challenge is unknown, already used or expired (5 minutes); sign in again.' },
  SESSION_REVOKED: { code: 'UNAUTHENTICATED', meaning: 'The session of this access token was ended (logout, RevokeSession, sign-out elsewhere, an admin, a password change); sign in again.' },

  ROLE_NOT_ALLOWED: { code: 'PERMISSION_DENIED', meaning: "The caller's role is not among the roles the method's access policy allows." },
  TENANT_MISMATCH: { code: 'PERMISSION_DENIED', meaning: 'The access token is not valid for the tenant named by x-tenant-id (or a super-admin named a tenant).' },
  SIGN_UP_DISABLED: { code: 'PERMISSION_DENIED', meaning: 'The tenant turned self sign-up off; an administrator creates accounts.' },
  OWNER_REQUIRED: { code: 'PERMISSION_DENIED', meaning: 'Only an OWNER may make someone an OWNER.' },
  OWNER_PROTECTED: { code: 'PERMISSION_DENIED', meaning: 'Only an OWNER may change or delete an OWNER.' },
  OWN_ROLE: { code: 'PERMISSION_DENIED', meaning: 'Nobody may change their own role.' },
  OWN_EMAIL: { code: 'PERMISSION_DENIED', meaning: 'Nobody may change their own email with UpdateUser (a stolen session plus a password reset would take the account over); another OWNER or ADMIN of the tenant can.' },
  PEOPLE_ONLY: { code: 'PERMISSION_DENIED', meaning: 'Only people may call this method (its access policy says people_only); a service account cannot.' },
  PLATFORM_ONLY: { code: 'PERMISSION_DENIED', meaning: 'A super-admin reads platform events and manages its own sessions: call without x-tenant-id.' },

  TENANT_NOT_FOUND: { code: 'NOT_FOUND', meaning: 'No tenant has this slug.' },
  SUPER_ADMIN_NOT_FOUND: { code: 'NOT_FOUND', meaning: 'No super-admin has this id.' },
  SERVICE_ACCOUNT_NOT_FOUND: { code: 'NOT_FOUND', meaning: 'No service account has this id in the tenant (or on the platform).' },
  CREDENTIAL_NOT_FOUND: { code: 'NOT_FOUND', meaning: 'The service account has no credential with this id.' },
  INVITATION_NOT_FOUND: { code: 'NOT_FOUND', meaning: 'No invitation has this id in the tenant.' },
  USER_NOT_FOUND: { code: 'NOT_FOUND', meaning: 'No user has this id in the tenant.' },
  TOTP_ALREADY_ENABLED: { code: 'FAILED_PRECONDITION', meaning: 'The account already has a confirmed TOTP factor; disable it first to enroll a new one.' },
  SECOND_FACTOR_REQUIRED: { code: 'FAILED_PRECONDITION', meaning: 'The tenant requires a second factor for the caller\'s role (second_factor_required_roles): the TOTP factor cannot be turned off.' },
  TOTP_NOT_ENROLLED: { code: 'FAILED_PRECONDITION', meaning: 'There is no TOTP enrollment to confirm, or no factor to disable or to use.' },
  SESSION_NOT_FOUND: { code: 'NOT_FOUND', meaning: 'The caller has no session with this id (unknown, or another user\'s).' },

  TENANT_ALREADY_EXISTS: { code: 'ALREADY_EXISTS', meaning: 'A tenant with this slug exists (or is being created or deleted).' },
  SUPER_ADMIN_ALREADY_EXISTS: { code: 'ALREADY_EXISTS', meaning: 'A super-admin with this email exists.' },
  EMAIL_TAKEN: { code: 'ALREADY_EXISTS', meaning: 'A user with this email exists in the tenant.' },
  DATABASE_NAME_TAKEN: { code: 'ALREADY_EXISTS', meaning: "A database with the tenant's name exists on its server and belongs to something else." },

  TENANT_SUSPENDED: { code: 'FAILED_PRECONDITION', meaning: 'The tenant is SUSPENDED: it serves no calls until an operator reactivates it.' },
  TENANT_SCHEMA_BEHIND: { code: 'FAILED_PRECONDITION', meaning: "The tenant's database schema is older than the service's and TENANT_MIGRATION_MODE=refuse: an operator must migrate it." },
  TOO_MANY_CREDENTIALS: { code: 'FAILED_PRECONDITION', meaning: 'The service account already holds 5 unrevoked credentials; revoke one first.' },
  EMAIL_NOT_VERIFIED: { code: 'FAILED_PRECONDITION', meaning: 'The tenant requires a verified email to sign in, and this account has not verified its email yet (told only after the right password); use the link of the verification message, or ResendVerification.' },
  INVITATION_ALREADY_ACCEPTED: { code: 'FAILED_PRECONDITION', meaning: 'The invitation was accepted: there is a user now (disable or delete the user instead).' },
  LAST_SUPER_ADMIN: { code: 'FAILED_PRECONDITION', meaning: 'The last super-admin cannot be removed; create another one first.' },
  LAST_OWNER: { code: 'FAILED_PRECONDITION', meaning: 'The change would leave the tenant without an active OWNER.' },

  ACCOUNT_LOCKED: { code: 'RESOURCE_EXHAUSTED', meaning: 'Too many failed sign-ins for this account; retry after the time in the message.' },
  SECOND_FACTOR_LOCKED: { code: 'RESOURCE_EXHAUSTED', meaning: 'Too many wrong second-factor codes for this account; retry after the time in the message.' },
  ACCOUNT_BUSY: { code: 'RESOURCE_EXHAUSTED', meaning: "Password checks of this account already in progress hold what is left of its attempt budget; retry in 1 second." },
  PASSWORD_HASHING_BUSY: { code: 'RESOURCE_EXHAUSTED', meaning: 'Too many password checks are queued; retry shortly with backoff.' },
  VERIFICATION_THROTTLED: { code: 'RESOURCE_EXHAUSTED', meaning: 'Too many verification resend requests in this tenant; retry after the time in the message.' },
  PASSWORD_RESET_THROTTLED: { code: 'RESOURCE_EXHAUSTED', meaning: "Too many password reset requests in this tenant; retry after the time in the message." },
  METADATA_TOO_LARGE: { code: 'RESOURCE_EXHAUSTED', meaning: 'The request metadata exceeds 16 KiB.' },

  TENANT_NOT_READY: { code: 'UNAVAILABLE', meaning: 'The tenant is PROVISIONING or DELETING: it neither serves calls nor changes status now; retry with backoff.' },
  TENANT_PROVISIONING_FAILED: { code: 'UNAVAILABLE', meaning: "The tenant's database could not be created; what was made is removed again; try again." },
  DEPENDENCY_UNAVAILABLE: { code: 'UNAVAILABLE', meaning: 'A database could not be reached or did not answer in time; retry with backoff.' },
  CALL_CANCELLED: { code: 'UNAVAILABLE', meaning: 'The call was cancelled or its deadline passed while it waited (the caller has gone; seen only in logs).' },

  INTERNAL: { code: 'INTERNAL', meaning: 'An unexpected error; the message carries the request id, the cause is only in the log.' },
} as const satisfies Record<string, ErrorReasonEntry>;

export type ErrorReason = keyof typeof ERROR_REASONS;

/** The reasons whose code is `C`. */
export type ReasonWithCode<C extends ErrorCode> = { [R in ErrorReason]: (typeof ERROR_REASONS)[R]['code'] extends C ? R : never }[ErrorReason];

/** The one gRPC code of `reason`. */
export function codeOf(reason: ErrorReason): ErrorCode {
  return ERROR_REASONS[reason].code;
}
