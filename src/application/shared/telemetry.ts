/** Port: business events worth counting (metrics), so application code never imports a metrics library. */
export interface Telemetry {
  loginAttempt(outcome: 'success' | 'failure' | 'locked'): void;
  tenantProvisioned(outcome: 'success' | 'failure', seconds: number): void;
}
