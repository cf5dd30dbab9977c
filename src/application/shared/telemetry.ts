/**
 * How a Login call's password step ended: `success` the right password, answered with a session or a
 * second-factor challenge; `failure` a wrong password or unknown email; `locked` refused unjudged (locked or
 * busy account); `refused` the right password, but the tenant's policy refuses the sign-in (unverified email).
 */
export type LoginOutcome = 'success' | 'failure' | 'locked' | 'refused';

/** Port: business events worth counting (metrics), so application code never imports a metrics library. */
export interface Telemetry {
  loginAttempt(outcome: LoginOutcome): void;
  tenantProvisioned(outcome: 'success' | 'failure', seconds: number): void;
}
