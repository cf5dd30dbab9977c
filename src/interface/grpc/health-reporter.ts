import { HealthImplementation } from 'grpc-health-check';
import { Logger } from '../../application/shared/logger';
import { SERVICE_NAMES } from './grpc-server';

/** Health service name that reports whether the process is alive (for liveness probes), not ready. */
export const LIVENESS_SERVICE = 'liveness';

/**
 * Keeps `grpc.health.v1` true: SERVING while the master database answers, NOT_SERVING while it does not
 * (load balancers and Kubernetes readiness then route around this replica) and from the start of shutdown
 * on (see beginShutdown). Recovery is automatic: the next successful probe reports SERVING again. The `liveness` entry stays
 * SERVING until shutdown, so a database outage takes replicas out of rotation without restarting them.
 */
export class HealthReporter {
  private timer?: NodeJS.Timeout;
  private serving?: boolean;
  private shuttingDown = false;

  constructor(
    private readonly health: HealthImplementation,
    private readonly probe: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /** Probes now, then every interval. */
  async start(): Promise<void> {
    this.health.setStatus(LIVENESS_SERVICE, 'SERVING');
    await this.check();
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  /**
   * Shutdown has begun: from now on NOT_SERVING, whatever the probe says, so load balancers and readiness
   * take the replica out of rotation while it still serves (SHUTDOWN_DELAY_SECONDS). `liveness` stays
   * SERVING: the process is not stuck, and a liveness failure now would only get it killed early.
   */
  beginShutdown(): void {
    this.shuttingDown = true;
    clearInterval(this.timer);
    this.set(false);
  }

  /** Draining: everything NOT_SERVING, liveness included. */
  shutdown(): void {
    this.beginShutdown();
    this.health.setStatus(LIVENESS_SERVICE, 'NOT_SERVING');
  }

  private async check(): Promise<void> {
    let ok = false;
    try {
      await this.probe();
      ok = true;
    } catch (error) {
      if (this.serving !== false) this.logger.error({ err: error }, 'master database unreachable; reporting NOT_SERVING');
    }
    if (this.shuttingDown) return;
    if (ok && this.serving === false) this.logger.info({}, 'master database reachable again; reporting SERVING');
    this.set(ok);
  }

  private set(serving: boolean): void {
    if (this.serving === serving) return;
    this.serving = serving;
    const status = serving ? 'SERVING' : 'NOT_SERVING';
    for (const name of ['', ...SERVICE_NAMES]) this.health.setStatus(name, status);
  }
}
