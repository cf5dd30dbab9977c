"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildContainer = buildContainer;
require("reflect-metadata");
const inversify_1 = require("inversify");
const handler_registry_1 = require("./handler-registry");
const auth_module_1 = require("./modules/auth.module");
const grpc_module_1 = require("./modules/grpc.module");
const infrastructure_module_1 = require("./modules/infrastructure.module");
const tenant_module_1 = require("./modules/tenant.module");
/** The service's object graph: adapters, application services, handlers (on the buses) and gRPC services. */
async function buildContainer(parts) {
    const container = new inversify_1.Container();
    await container.load((0, infrastructure_module_1.infrastructureModule)(parts), tenant_module_1.tenantModule, auth_module_1.authModule, grpc_module_1.grpcModule);
    (0, handler_registry_1.registerHandlers)(container, [...tenant_module_1.tenantHandlers, ...auth_module_1.authHandlers]);
    return container;
}
//# sourceMappingURL=container.js.map