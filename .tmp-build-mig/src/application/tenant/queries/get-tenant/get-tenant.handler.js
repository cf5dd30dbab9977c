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
exports.GetTenantHandler = void 0;
const inversify_1 = require("inversify");
const tokens_1 = require("../../../../di/tokens");
const tenant_errors_1 = require("../../tenant-errors");
let GetTenantHandler = class GetTenantHandler {
    tenants;
    constructor(tenants) {
        this.tenants = tenants;
    }
    async execute(query) {
        const tenant = await this.tenants.findBySlug(query.slug);
        if (!tenant)
            throw (0, tenant_errors_1.tenantNotFound)(query.slug);
        return tenant;
    }
};
exports.GetTenantHandler = GetTenantHandler;
exports.GetTenantHandler = GetTenantHandler = __decorate([
    (0, inversify_1.injectable)(),
    __param(0, (0, inversify_1.inject)(tokens_1.TOKENS.TenantRepository)),
    __metadata("design:paramtypes", [Object])
], GetTenantHandler);
//# sourceMappingURL=get-tenant.handler.js.map