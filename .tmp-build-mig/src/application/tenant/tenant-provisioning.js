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
exports.TenantProvisioning = void 0;
const inversify_1 = require("inversify");
const tokens_1 = require("../../di/tokens");
const domain_error_1 = require("../../domain/shared/domain-error");
/**
 * The life cycle of a tenant's database, written so that a process dying at any step leaves a state the
 * sweep (or a retry) completes: the registry row is written first (PROVISIONING, which serves nothing),
 * the database second, ACTIVE last. Deletion runs the other way: DELETING first, the row last.
 */
let TenantProvisioning = class TenantProvisioning {
    tenants;
    databases;
    connections;
    directory;
    logger;
    constructor(tenants, databases, connections, directory, logger) {
        this.tenants = tenants;
        this.databases = databases;
        this.connections = connections;
        this.directory = directory;
        this.logger = logger;
    }
    /** Picks the configured server holding the fewest tenants. */
    async chooseServer() {
        const counts = await this.tenants.countByServer();
        const servers = this.databases.serverNames();
        return servers.reduce((best, name) => ((counts.get(name) ?? 0) < (counts.get(best) ?? 0) ? name : best), servers[0]);
    }
    /** Creates the database of a registered (PROVISIONING) tenant and activates it; undoes both on failure. */
    async provision(tenant) {
        const started = performance.now();
        try {
            return await this.finish(tenant);
        }
        catch (error) {
            this.logger.error({ err: error, tenant: tenant.slug }, 'tenant provisioning failed; rolling back');
            await this.destroy(tenant).catch((cleanupError) => this.logger.error({ err: cleanupError, tenant: tenant.slug }, 'rollback failed; the sweep will retry'));
            throw domain_error_1.DomainError.unavailable('TENANT_PROVISIONING_FAILED', `the database of tenant '${tenant.slug}' could not be created; try again`);
        }
        finally {
            this.logger.info({ tenant: tenant.slug, ms: Math.round(performance.now() - started) }, 'tenant provisioning ended');
        }
    }
    /** Idempotent: makes sure the database exists and is migrated, then marks the tenant ACTIVE. */
    async finish(tenant) {
        const version = await this.databases.ensureDatabase(tenant.databaseServer, tenant.databaseName);
        tenant.markProvisioned(version);
        const stored = await this.tenants.update(tenant);
        if (!stored)
            throw new Error(`tenant ${tenant.slug} vanished during provisioning`);
        return stored;
    }
    /** Idempotent: closes connections, drops the database, then removes the registry row. */
    async destroy(tenant) {
        await this.connections.close(tenant.id);
        await this.databases.dropDatabase(tenant.databaseServer, tenant.databaseName);
        await this.tenants.delete(tenant.id);
        await this.directory.invalidate(tenant.slug);
    }
};
exports.TenantProvisioning = TenantProvisioning;
exports.TenantProvisioning = TenantProvisioning = __decorate([
    (0, inversify_1.injectable)(),
    __param(0, (0, inversify_1.inject)(tokens_1.TOKENS.TenantRepository)),
    __param(1, (0, inversify_1.inject)(tokens_1.TOKENS.TenantDatabaseProvisioner)),
    __param(2, (0, inversify_1.inject)(tokens_1.TOKENS.TenantConnections)),
    __param(3, (0, inversify_1.inject)(tokens_1.TOKENS.TenantDirectory)),
    __param(4, (0, inversify_1.inject)(tokens_1.TOKENS.Logger)),
    __metadata("design:paramtypes", [Object, Object, Object, Object, Object])
], TenantProvisioning);
//# sourceMappingURL=tenant-provisioning.js.map