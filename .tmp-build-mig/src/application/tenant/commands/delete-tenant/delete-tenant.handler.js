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
exports.DeleteTenantHandler = void 0;
const inversify_1 = require("inversify");
const tokens_1 = require("../../../../di/tokens");
const tenant_errors_1 = require("../../tenant-errors");
const tenant_provisioning_1 = require("../../tenant-provisioning");
let DeleteTenantHandler = class DeleteTenantHandler {
    tenants;
    directory;
    provisioning;
    constructor(tenants, directory, provisioning) {
        this.tenants = tenants;
        this.directory = directory;
        this.provisioning = provisioning;
    }
    async execute(command) {
        // DELETING first: from here on the tenant serves nothing, and a crash leaves work for the sweep.
        const tenant = await this.tenants.markDeleting(command.slug);
        if (!tenant)
            throw (0, tenant_errors_1.tenantNotFound)(command.slug);
        await this.directory.invalidate(tenant.slug);
        await this.provisioning.destroy(tenant);
    }
};
exports.DeleteTenantHandler = DeleteTenantHandler;
exports.DeleteTenantHandler = DeleteTenantHandler = __decorate([
    (0, inversify_1.injectable)(),
    __param(0, (0, inversify_1.inject)(tokens_1.TOKENS.TenantRepository)),
    __param(1, (0, inversify_1.inject)(tokens_1.TOKENS.TenantDirectory)),
    __param(2, (0, inversify_1.inject)(tenant_provisioning_1.TenantProvisioning)),
    __metadata("design:paramtypes", [Object, Object, tenant_provisioning_1.TenantProvisioning])
], DeleteTenantHandler);
//# sourceMappingURL=delete-tenant.handler.js.map