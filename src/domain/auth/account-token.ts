/** What a one-time token sent by mail lets its holder do. */
export type AccountTokenPurpose = 'PASSWORD_RESET' | 'EMAIL_VERIFICATION';

export interface NewAccountToken {
  id: string;
  purpose: AccountTokenPurpose;
  userId: string;
  /** SHA-256 of the token: the token itself is never stored. */
  tokenHash: string;
  expiresAt: Date;
}

/** Where a presented token stands. Only `live` tokens may be used. */
export type AccountTokenState =
  | { kind: 'live'; userId: string }
  /** No token has this hash in this tenant: mistyped, tampered with, or from another tenant. */
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'used' }
  /** A newer token of the same purpose was sent to the user since. */
  | { kind: 'superseded' };

/**
 * Port: the one-time tokens of a tenant's users inside a unit of work. Issuing a token supersedes the
 * user's older live tokens of that purpose and records the event of the request (without the token).
 */
export interface AccountTokenWrites {
  issue(token: NewAccountToken, now: Date): Promise<void>;
  /** Supersedes the user's live tokens of every purpose (their links were sent to an address no longer theirs). */
  supersedeAll(userId: string, now: Date): Promise<void>;
  /** Where the token stands, without changing it. */
  inspect(purpose: AccountTokenPurpose, tokenHash: string, now: Date): Promise<AccountTokenState>;
  /** Marks a live token used, atomically (of concurrent claims exactly one wins); otherwise where it stands. */
  claim(purpose: AccountTokenPurpose, tokenHash: string, now: Date): Promise<AccountTokenState>;
}
