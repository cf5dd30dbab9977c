import { SessionScope } from './refresh-token-store';

/** A subject's TOTP second factor as stored. */
export interface StoredSecondFactor {
  /** Base32 secret. */
  secret: string;
  /** False while an enrollment awaits its confirming code. */
  confirmed: boolean;
  /** The last accepted time step (a code of this step or an earlier one is a replay). */
  lastStep: number;
  recoveryCodesLeft: number;
}

/** What a sign-in challenge answers: a code for a confirmed factor, or the enrollment the tenant requires. */
export type ChallengePurpose = 'verify' | 'enroll';

/**
 * Port: reads of TOTP second factors, and the sign-in challenges, of one database (a tenant's users, or the
 * master's super-admins). A challenge's claim is one conditional statement, so concurrent calls cannot both
 * win. Changes to a factor go through the unit of work (SecondFactorWrites), so their audit events reach the
 * outbox in the same transaction.
 */
export interface SecondFactorStore {
  find(scope: SessionScope, userId: string): Promise<StoredSecondFactor | undefined>;
  /** Whether the user has a confirmed factor, without reading (or opening) its secret: every sign-in asks. */
  hasConfirmedFactor(scope: SessionScope, userId: string): Promise<boolean>;
  createChallenge(scope: SessionScope, challenge: { id: string; tokenHash: string; userId: string; expiresAt: Date; purpose: ChallengePurpose }): Promise<void>;
  /** The user of a live (unused, unexpired) challenge of this purpose, without using it. */
  peekChallenge(scope: SessionScope, tokenHash: string, now: Date, purpose: ChallengePurpose): Promise<string | undefined>;
  /** Marks a live challenge of this purpose used; its user, or undefined if it was used, expired or unknown. Exactly one concurrent claim wins. */
  claimChallenge(scope: SessionScope, tokenHash: string, now: Date, purpose: ChallengePurpose): Promise<string | undefined>;
}

/**
 * Port: changes to the second factors of one database, inside a unit of work. Every change that must happen
 * once is one conditional statement (of concurrent units, the second waits for the first's row lock and then
 * finds the condition false): accepting a time step, using a recovery code, confirming. The adapter records
 * the audit events (SecondFactorEnabled, SecondFactorDisabled, RecoveryCodeUsed: which user, never a secret
 * or a code).
 */
export interface SecondFactorWrites {
  /** Starts (or restarts) an enrollment with `secret`; false if a confirmed factor exists. */
  beginEnrollment(userId: string, secret: string): Promise<boolean>;
  /** Confirms the pending enrollment whose secret is `secret`, accepting `step`; false if it is not pending. Records SecondFactorEnabled. */
  confirm(userId: string, secret: string, step: number, recoveryCodeHashes: string[], now: Date): Promise<boolean>;
  /** Records `step` as used if it is later than the last accepted one; false for a replay. */
  acceptStep(userId: string, step: number): Promise<boolean>;
  /** Removes the recovery code with this hash; false if there is none (unknown or already used). Records RecoveryCodeUsed. */
  useRecoveryCode(userId: string, codeHash: string): Promise<boolean>;
  /** Removes the factor (or the enrollment in progress); records SecondFactorDisabled if it was confirmed. */
  remove(userId: string): Promise<boolean>;
}
