"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.infrastructureModule = infrastructureModule;
const inversify_1 = require("inversify");
const memory_tenant_directory_1 = require("../../infrastructure/cache/memory-tenant-directory");
const prisma_platform_admin_repository_1 = require("../../infrastructure/persistence/prisma-platform-admin-repository");
const prisma_tenant_repository_1 = require("../../infrastructure/persistence/prisma-tenant-repository");
const tenant_client_manager_1 = require("../../infrastructure/tenancy/tenant-client-manager");
const tokens_1 = require("../tokens");
/** Binds every port to its adapter. */
function infrastructureModule(parts) {
    return new inversify_1.ContainerModule(({ bind }) => {
        bind(tokens_1.TOKENS.Config).toConstantValue(parts.config);
        bind(tokens_1.TOKENS.Logger).toConstantValue(parts.logger);
        bind(tokens_1.TOKENS.Clock).toConstantValue(parts.clock);
        bind(tokens_1.TOKENS.MasterPrisma).toConstantValue(parts.masterPrisma);
        bind(tokens_1.TOKENS.TenantRepository).to(prisma_tenant_repository_1.PrismaTenantRepository).inSingletonScope();
        bind(tokens_1.TOKENS.PlatformAdminRepository).to(prisma_platform_admin_repository_1.PrismaPlatformAdminRepository).inSingletonScope();
        bind(tokens_1.TOKENS.TenantDatabaseProvisioner).toConstantValue(parts.provisioner);
        bind(tokens_1.TOKENS.TenantConnections).toConstantValue(parts.tenantClients);
        bind(tenant_client_manager_1.TenantClientManager).toConstantValue(parts.tenantClients);
        bind(tokens_1.TOKENS.TenantDirectory)
            .toDynamicValue((context) => new memory_tenant_directory_1.MemoryTenantDirectory(context.get(tokens_1.TOKENS.TenantRepository), parts.config.tenants.cacheTtlSeconds))
            .inSingletonScope();
        bind(tokens_1.TOKENS.PasswordHasher).toConstantValue(parts.passwordHasher);
        bind(tokens_1.TOKENS.AccessTokenIssuer).toConstantValue(parts.accessTokens);
        bind(tokens_1.TOKENS.AccessTokenVerifier).toConstantValue(parts.accessTokens);
    });
}
//# sourceMappingURL=infrastructure.module.js.map