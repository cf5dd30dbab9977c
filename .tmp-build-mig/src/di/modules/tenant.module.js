"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.tenantModule = exports.tenantHandlers = void 0;
const inversify_1 = require("inversify");
const create_tenant_command_1 = require("../../application/tenant/commands/create-tenant/create-tenant.command");
const create_tenant_handler_1 = require("../../application/tenant/commands/create-tenant/create-tenant.handler");
const delete_tenant_command_1 = require("../../application/tenant/commands/delete-tenant/delete-tenant.command");
const delete_tenant_handler_1 = require("../../application/tenant/commands/delete-tenant/delete-tenant.handler");
const update_tenant_command_1 = require("../../application/tenant/commands/update-tenant/update-tenant.command");
const update_tenant_handler_1 = require("../../application/tenant/commands/update-tenant/update-tenant.handler");
const get_tenant_handler_1 = require("../../application/tenant/queries/get-tenant/get-tenant.handler");
const get_tenant_query_1 = require("../../application/tenant/queries/get-tenant/get-tenant.query");
const list_tenants_handler_1 = require("../../application/tenant/queries/list-tenants/list-tenants.handler");
const list_tenants_query_1 = require("../../application/tenant/queries/list-tenants/list-tenants.query");
const tenant_provisioning_1 = require("../../application/tenant/tenant-provisioning");
const tenant_provisioning_sweeper_1 = require("../../application/tenant/tenant-provisioning-sweeper");
exports.tenantHandlers = [
    [create_tenant_command_1.CreateTenantCommand, create_tenant_handler_1.CreateTenantHandler],
    [update_tenant_command_1.UpdateTenantCommand, update_tenant_handler_1.UpdateTenantHandler],
    [delete_tenant_command_1.DeleteTenantCommand, delete_tenant_handler_1.DeleteTenantHandler],
    [get_tenant_query_1.GetTenantQuery, get_tenant_handler_1.GetTenantHandler],
    [list_tenants_query_1.ListTenantsQuery, list_tenants_handler_1.ListTenantsHandler],
];
/** Tenant life cycle services shared by the handlers and the sweep. */
exports.tenantModule = new inversify_1.ContainerModule(({ bind }) => {
    bind(tenant_provisioning_1.TenantProvisioning).toSelf().inSingletonScope();
    bind(tenant_provisioning_sweeper_1.TenantProvisioningSweeper).toSelf().inSingletonScope();
});
//# sourceMappingURL=tenant.module.js.map