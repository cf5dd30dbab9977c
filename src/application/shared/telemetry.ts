/**
 * How a Login call's password step ended: `success` the right password, answered with a session or a
 * second-factor challenge; `failure` a wrong password or unknown email; `locked` refused unjudged (locked or
 * busy account); `refused` the right password, but the tenant's policy refuses the sign-in (unverified email).
 */
export type LoginOutcome = 'success' | 'failure' | 'locked' | 'refused';

/**
 * How a sign-in's second-factor code (VerifySecondFactor's code or recovery code, or the first code of an
 * enrollment the tenant requires, ConfirmRequiredTotpEnrollment) was judged: `success` the right one; `failure` a
 * wrong one; `locked` refused unjudged, or the wrong one that locked the factor (its own attempt budget).
 */
export type SecondFactorOutcome = 'success' | 'failure' | 'locked';

/**
 * How a RefreshToken call ended: `rotated` a live token exchanged for a new pair; `reused` a token already
 * exchanged once, presented again (its whole session was revoked: a stolen copy, or a client that raced
 * itself); `invalid` unknown, expired or revoked, or the account can no longer sign in.
 */
export type RefreshOutcome = 'rotated' | 'reused' | 'invalid';

/** Port: business events worth counting (metrics), so application code never imports a metrics library. */
export interface Telemetry {
  loginAttempt(outcome: LoginOutcome): void;
  secondFactorAttempt(outcome: SecondFactorOutcome): void;
  tokenRefresh(outcome: RefreshOutcome): void;
  tenantProvisioned(outcome: 'success' | 'failure', seconds: number): void;
}
