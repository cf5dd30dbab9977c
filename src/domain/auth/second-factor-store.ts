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
 * Port: TOTP second factors and sign-in challenges of one database (a tenant's users, or the master's
 * super-admins). Every state change that must happen once is one conditional statement, so concurrent calls
 * cannot both win: accepting a time step, using a recovery code, claiming a challenge.
 */
export interface SecondFactorStore {
  find(scope: SessionScope, userId: string): Promise<StoredSecondFactor | undefined>;
  /** Starts (or restarts) an enrollment with `secret`; false if a confirmed factor exists. */
  beginEnrollment(scope: SessionScope, userId: string, secret: string): Promise<boolean>;
  /** Confirms the pending enrollment whose secret is `secret`, accepting `step`; false if it is not pending. */
  confirm(scope: SessionScope, userId: string, secret: string, step: number, recoveryCodeHashes: string[], now: Date): Promise<boolean>;
  /** Records `step` as used if it is later than the last accepted one; false for a replay. */
  acceptStep(scope: SessionScope, userId: string, step: number): Promise<boolean>;
  /** Removes the recovery code with this hash; false if there is none (unknown or already used). */
  useRecoveryCode(scope: SessionScope, userId: string, codeHash: string): Promise<boolean>;
  remove(scope: SessionScope, userId: string): Promise<boolean>;
  createChallenge(scope: SessionScope, challenge: { id: string; tokenHash: string; userId: string; expiresAt: Date; purpose: ChallengePurpose }): Promise<void>;
  /** The user of a live (unused, unexpired) challenge of this purpose, without using it. */
  peekChallenge(scope: SessionScope, tokenHash: string, now: Date, purpose: ChallengePurpose): Promise<string | undefined>;
  /** Marks a live challenge of this purpose used; its user, or undefined if it was used, expired or unknown. Exactly one concurrent claim wins. */
  claimChallenge(scope: SessionScope, tokenHash: string, now: Date, purpose: ChallengePurpose): Promise<string | undefined>;
}
