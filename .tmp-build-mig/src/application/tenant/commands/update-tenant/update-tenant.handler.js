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
exports.UpdateTenantHandler = void 0;
const inversify_1 = require("inversify");
const tokens_1 = require("../../../../di/tokens");
const display_name_1 = require("../../../../domain/shared/display-name");
const field_violations_1 = require("../../../../domain/shared/field-violations");
const tenant_errors_1 = require("../../tenant-errors");
let UpdateTenantHandler = class UpdateTenantHandler {
    tenants;
    directory;
    constructor(tenants, directory) {
        this.tenants = tenants;
        this.directory = directory;
    }
    async execute(command) {
        const { changes } = command;
        const violations = new field_violations_1.FieldViolations();
        const displayName = changes.displayName === undefined ? undefined : violations.capture('tenant.display_name', () => (0, display_name_1.parseDisplayName)(changes.displayName));
        violations.throwIfAny();
        const tenant = await this.tenants.findBySlug(command.slug);
        if (!tenant)
            throw (0, tenant_errors_1.tenantNotFound)(command.slug);
        if (displayName !== undefined)
            tenant.rename(displayName);
        if (changes.selfSignUpEnabled !== undefined)
            tenant.setSelfSignUp(changes.selfSignUpEnabled);
        if (changes.status !== undefined)
            tenant.changeStatus(changes.status);
        const stored = await this.tenants.update(tenant);
        await this.directory.invalidate(tenant.slug);
        if (!stored)
            throw (0, tenant_errors_1.tenantNotFound)(command.slug);
        return stored;
    }
};
exports.UpdateTenantHandler = UpdateTenantHandler;
exports.UpdateTenantHandler = UpdateTenantHandler = __decorate([
    (0, inversify_1.injectable)(),
    __param(0, (0, inversify_1.inject)(tokens_1.TOKENS.TenantRepository)),
    __param(1, (0, inversify_1.inject)(tokens_1.TOKENS.TenantDirectory)),
    __metadata("design:paramtypes", [Object, Object])
], UpdateTenantHandler);
//# sourceMappingURL=update-tenant.handler.js.map