"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TenantProvisioningSweeper = void 0;
const inversify_1 = require("inversify");
const tokens_1 = require("../../di/tokens");
const tenant_provisioning_1 = require("./tenant-provisioning");
/**
 * Finishes what a dead process left half-done: a tenant stuck in PROVISIONING is completed (its database
 * created or migrated, then ACTIVE); one stuck in DELETING is deleted. "Stuck" means unchanged for longer
 * than PROVISIONING_STALE_SECONDS; claiming bumps the row, so replicas never sweep the same tenant at once.
 */
let TenantProvisioningSweeper = class TenantProvisioningSweeper {
    tenants;
    provisioning;
    config;
    clock;
    logger;
    timer;
    running;
    constructor(tenants, provisioning, config, clock, logger) {
        this.tenants = tenants;
        this.provisioning = provisioning;
        this.config = config;
        this.clock = clock;
        this.logger = logger;
    }
    /** Sweeps once; returns how many tenants it repaired. Concurrent calls share one sweep. */
    sweep() {
        this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
        return this.running;
    }
    /** Sweeps at start and then every half stale period. */
    start() {
        const periodMs = (this.config.tenants.provisioningStaleSeconds * 1000) / 2;
        this.timer = setInterval(() => void this.sweep().catch(() => undefined), periodMs);
        this.timer.unref();
    }
    async stop() {
        clearInterval(this.timer);
        await this.running?.catch(() => undefined);
    }
    async sweepOnce() {
        const stale = await this.tenants.claimStale(this.config.tenants.provisioningStaleSeconds * 1000, this.clock.now());
        let repaired = 0;
        for (const tenant of stale) {
            try {
                if (tenant.status === 'PROVISIONING')
                    await this.provisioning.finish(tenant);
                else
                    await this.provisioning.destroy(tenant);
                repaired += 1;
                this.logger.info({ tenant: tenant.slug, was: tenant.status }, 'sweep repaired a half-finished tenant');
            }
            catch (error) {
                this.logger.error({ err: error, tenant: tenant.slug }, 'sweep could not repair tenant; will retry');
            }
        }
        return repaired;
    }
};
exports.TenantProvisioningSweeper = TenantProvisioningSweeper;
exports.TenantProvisioningSweeper = TenantProvisioningSweeper = __decorate([
    (0, inversify_1.injectable)(),
    __param(0, (0, inversify_1.inject)(tokens_1.TOKENS.TenantRepository)),
    __param(1, (0, inversify_1.inject)(tenant_provisioning_1.TenantProvisioning)),
    __param(2, (0, inversify_1.inject)(tokens_1.TOKENS.Config)),
    __param(3, (0, inversify_1.inject)(tokens_1.TOKENS.Clock)),
    __param(4, (0, inversify_1.inject)(tokens_1.TOKENS.Logger)),
    __metadata("design:paramtypes", [Object, tenant_provisioning_1.TenantProvisioning, Object, Object, Object])
], TenantProvisioningSweeper);
//# sourceMappingURL=tenant-provisioning-sweeper.js.map