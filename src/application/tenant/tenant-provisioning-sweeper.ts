import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { AppConfig } from '../../config/config';
import { TenantRepository } from '../../domain/tenant/tenant-repository';
import { Clock } from '../shared/clock';
import { Logger } from '../shared/logger';
import { TenantProvisioning } from './tenant-provisioning';
import { NO_ORIGIN } from '../../domain/shared/request-origin';

/**
 * Finishes what a dead process left half-done: a tenant stuck in PROVISIONING is completed (its database
 * created or migrated, then ACTIVE); one stuck in DELETING is deleted. "Stuck" means unchanged for longer
 * than PROVISIONING_STALE_SECONDS; claiming bumps the row, so replicas never sweep the same tenant at once.
 */
@injectable()
export class TenantProvisioningSweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @inject(TOKENS.TenantRepository) private readonly tenants: TenantRepository,
    @inject(TenantProvisioning) private readonly provisioning: TenantProvisioning,
    @inject(TOKENS.Config) private readonly config: AppConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  /** Sweeps once; returns how many tenants it repaired. Concurrent calls share one sweep. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Sweeps at start and then every half stale period. */
  start(): void {
    const periodMs = (this.config.tenants.provisioningStaleSeconds * 1000) / 2;
    this.timer = setInterval(() => void this.sweep().catch(() => undefined), periodMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async sweepOnce(): Promise<number> {
    const stale = await this.tenants.claimStale(this.config.tenants.provisioningStaleSeconds * 1000, this.clock.now());
    let repaired = 0;
    for (const tenant of stale) {
      try {
        if (tenant.status === 'PROVISIONING') await this.provisioning.finish(tenant, NO_ORIGIN);
        else await this.provisioning.destroy(tenant, NO_ORIGIN);
        repaired += 1;
        this.logger.info({ tenant: tenant.slug, was: tenant.status }, 'sweep repaired a half-finished tenant');
      } catch (error) {
        this.logger.error({ err: error, tenant: tenant.slug }, 'sweep could not repair tenant; will retry');
      }
    }
    return repaired;
  }
}
