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
exports.CreateTenantHandler = void 0;
const inversify_1 = require("inversify");
const tokens_1 = require("../../../../di/tokens");
const display_name_1 = require("../../../../domain/shared/display-name");
const field_violations_1 = require("../../../../domain/shared/field-violations");
const uuid_v7_1 = require("../../../../domain/shared/uuid-v7");
const tenant_1 = require("../../../../domain/tenant/tenant");
const tenant_slug_1 = require("../../../../domain/tenant/tenant-slug");
const tenant_provisioning_1 = require("../../tenant-provisioning");
let CreateTenantHandler = class CreateTenantHandler {
    tenants;
    provisioning;
    clock;
    constructor(tenants, provisioning, clock) {
        this.tenants = tenants;
        this.provisioning = provisioning;
        this.clock = clock;
    }
    async execute(command) {
        const violations = new field_violations_1.FieldViolations();
        const slug = violations.capture('tenant.slug', () => tenant_slug_1.TenantSlug.parse(command.slug));
        const displayName = violations.capture('tenant.display_name', () => (0, display_name_1.parseDisplayName)(command.displayName));
        violations.throwIfAny();
        const tenant = tenant_1.Tenant.register({
            id: (0, uuid_v7_1.uuidV7)(),
            slug: slug,
            displayName: displayName,
            databaseServer: await this.provisioning.chooseServer(),
            selfSignUpEnabled: command.selfSignUpEnabled ?? true,
            now: this.clock.now(),
        });
        // The unique slug makes this the arbiter of concurrent creates: the loser gets ALREADY_EXISTS here,
        // before any database exists, so no orphan database can result.
        await this.tenants.insert(tenant);
        return this.provisioning.provision(tenant);
    }
};
exports.CreateTenantHandler = CreateTenantHandler;
exports.CreateTenantHandler = CreateTenantHandler = __decorate([
    (0, inversify_1.injectable)(),
    __param(0, (0, inversify_1.inject)(tokens_1.TOKENS.TenantRepository)),
    __param(1, (0, inversify_1.inject)(tenant_provisioning_1.TenantProvisioning)),
    __param(2, (0, inversify_1.inject)(tokens_1.TOKENS.Clock)),
    __metadata("design:paramtypes", [Object, tenant_provisioning_1.TenantProvisioning, Object])
], CreateTenantHandler);
//# sourceMappingURL=create-tenant.handler.js.map