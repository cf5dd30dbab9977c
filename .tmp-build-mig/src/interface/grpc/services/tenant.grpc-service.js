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
exports.TenantGrpcService = void 0;
const inversify_1 = require("inversify");
const message_bus_1 = require("../../../application/shared/message-bus");
const create_tenant_command_1 = require("../../../application/tenant/commands/create-tenant/create-tenant.command");
const delete_tenant_command_1 = require("../../../application/tenant/commands/delete-tenant/delete-tenant.command");
const update_tenant_command_1 = require("../../../application/tenant/commands/update-tenant/update-tenant.command");
const get_tenant_query_1 = require("../../../application/tenant/queries/get-tenant/get-tenant.query");
const list_tenants_query_1 = require("../../../application/tenant/queries/list-tenants/list-tenants.query");
const tokens_1 = require("../../../di/tokens");
const domain_error_1 = require("../../../domain/shared/domain-error");
const tenant_1 = require("../../../gen/proto/userservice/v1/tenant");
const tenant_mapper_1 = require("../mappers/tenant.mapper");
const update_mask_1 = require("../mappers/update-mask");
const unary_1 = require("../unary");
const UPDATABLE = ['display_name', 'status', 'self_sign_up_enabled'];
/** TenantService: translates requests into tenant commands and queries, and results back. */
let TenantGrpcService = class TenantGrpcService {
    commands;
    queries;
    constructor(commands, queries) {
        this.commands = commands;
        this.queries = queries;
    }
    implementation() {
        return {
            createTenant: (0, unary_1.unary)(async (request) => {
                const tenant = request.tenant;
                if (!tenant)
                    throw domain_error_1.DomainError.invalid([{ field: 'tenant', description: 'is required' }]);
                const created = await this.commands.execute(new create_tenant_command_1.CreateTenantCommand(tenant.slug, tenant.displayName, tenant.selfSignUpEnabled));
                return { tenant: (0, tenant_mapper_1.tenantToProto)(created) };
            }),
            getTenant: (0, unary_1.unary)(async (request) => ({ tenant: (0, tenant_mapper_1.tenantToProto)(await this.queries.execute(new get_tenant_query_1.GetTenantQuery(request.slug))) })),
            listTenants: (0, unary_1.unary)(async (request) => {
                const status = statusFilter(request.status);
                const page = await this.queries.execute(new list_tenants_query_1.ListTenantsQuery(request.pageSize, request.pageToken, status));
                return { tenants: page.items.map(tenant_mapper_1.tenantToProto), nextPageToken: page.nextCursor ?? '' };
            }),
            updateTenant: (0, unary_1.unary)(async (request) => {
                const tenant = request.tenant;
                if (!tenant)
                    throw domain_error_1.DomainError.invalid([{ field: 'tenant', description: 'is required' }]);
                const mask = (0, update_mask_1.parseUpdateMask)(request.updateMask, UPDATABLE);
                const changes = {};
                if (mask.has('display_name'))
                    changes.displayName = tenant.displayName;
                if (mask.has('self_sign_up_enabled'))
                    changes.selfSignUpEnabled = tenant.selfSignUpEnabled ?? false;
                if (mask.has('status')) {
                    changes.status = (0, tenant_mapper_1.tenantStatusFromProto)(tenant.status);
                    if (!changes.status)
                        throw domain_error_1.DomainError.invalid([{ field: 'tenant.status', description: 'must be TENANT_STATUS_ACTIVE or TENANT_STATUS_SUSPENDED' }]);
                }
                return { tenant: (0, tenant_mapper_1.tenantToProto)(await this.commands.execute(new update_tenant_command_1.UpdateTenantCommand(tenant.slug, changes))) };
            }),
            deleteTenant: (0, unary_1.unary)(async (request) => {
                await this.commands.execute(new delete_tenant_command_1.DeleteTenantCommand(request.slug));
                return {};
            }),
        };
    }
};
exports.TenantGrpcService = TenantGrpcService;
exports.TenantGrpcService = TenantGrpcService = __decorate([
    (0, inversify_1.injectable)(),
    __param(0, (0, inversify_1.inject)(tokens_1.TOKENS.CommandBus)),
    __param(1, (0, inversify_1.inject)(tokens_1.TOKENS.QueryBus)),
    __metadata("design:paramtypes", [message_bus_1.MessageBus,
        message_bus_1.MessageBus])
], TenantGrpcService);
function statusFilter(status) {
    if (status === tenant_1.TenantStatus.TENANT_STATUS_UNSPECIFIED)
        return undefined;
    const parsed = (0, tenant_mapper_1.tenantStatusFromProto)(status);
    if (!parsed)
        throw domain_error_1.DomainError.invalid([{ field: 'status', description: 'is not a known tenant status' }]);
    return parsed;
}
//# sourceMappingURL=tenant.grpc-service.js.map