"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEV_SUPERADMIN_EMAIL = void 0;
exports.startApp = startApp;
require("reflect-metadata");
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const clock_1 = require("./application/shared/clock");
const bootstrap_super_admin_1 = require("./application/platform-admin/bootstrap-super-admin");
const tenant_provisioning_sweeper_1 = require("./application/tenant/tenant-provisioning-sweeper");
const container_1 = require("./di/container");
const tokens_1 = require("./di/tokens");
const argon2_password_hasher_1 = require("./infrastructure/crypto/argon2-password-hasher");
const jwt_access_tokens_1 = require("./infrastructure/crypto/jwt-access-tokens");
const signing_key_1 = require("./infrastructure/crypto/signing-key");
const embedded_postgres_server_1 = require("./infrastructure/embedded/embedded-postgres-server");
const pino_logger_1 = require("./infrastructure/logging/pino-logger");
const master_prisma_1 = require("./infrastructure/prisma/master-prisma");
const migrator_1 = require("./infrastructure/prisma/migrator");
const project_root_1 = require("./infrastructure/project-root");
const database_servers_1 = require("./infrastructure/tenancy/database-servers");
const postgres_tenant_database_provisioner_1 = require("./infrastructure/tenancy/postgres-tenant-database-provisioner");
const ensure_database_1 = require("./infrastructure/prisma/ensure-database");
const tenant_client_manager_1 = require("./infrastructure/tenancy/tenant-client-manager");
const grpc_server_1 = require("./interface/grpc/grpc-server");
/** Development super-admin of the embedded default; its password is made on first start. */
exports.DEV_SUPERADMIN_EMAIL = 'admin@example.com';
/** The composition root: builds everything from configuration and starts serving. */
async function startApp(config, options = {}) {
    const logger = (0, pino_logger_1.createLogger)(config.logLevel, options.logDestination);
    const closers = [];
    const closeAll = async () => {
        for (const close of closers.reverse())
            await close().catch((error) => logger.warn({ err: error }, 'error while closing'));
    };
    try {
        let databaseUrl = config.databaseUrl;
        let embedded;
        if (!databaseUrl) {
            embedded = await (0, embedded_postgres_server_1.startEmbeddedPostgres)(config.dataDir, logger);
            closers.push(() => embedded.stop());
            databaseUrl = embedded.databaseUrl;
        }
        await (0, ensure_database_1.ensureDatabaseExists)(databaseUrl);
        const migrator = new migrator_1.PrismaMigrator();
        const migrated = await migrator.migrate(databaseUrl, 'master');
        logger.info({ applied: migrated.applied, latest: migrated.latest }, 'master database migrated');
        const master = (0, master_prisma_1.createMasterPrisma)(databaseUrl, config.masterPoolSize);
        closers.push(async () => {
            await master.prisma.$disconnect();
            await master.pool.end();
        });
        const servers = new database_servers_1.DatabaseServers(config.tenantDatabaseServers ?? [{ name: 'default', url: databaseUrl }]);
        closers.push(() => servers.close());
        const provisioner = new postgres_tenant_database_provisioner_1.PostgresTenantDatabaseProvisioner(servers, migrator, (0, postgres_tenant_database_provisioner_1.templateDatabaseName)(databaseUrl));
        const tenantClients = new tenant_client_manager_1.TenantClientManager(servers, config.tenants.clientCacheSize, config.tenants.poolSize);
        closers.push(() => tenantClients.closeAll());
        const { key, generated } = (0, signing_key_1.loadSigningKey)(config.jwt.privateKeyFile, config.dataDir);
        if (generated)
            logger.warn({ dir: config.dataDir }, 'generated a development JWT signing key; set JWT_PRIVATE_KEY_FILE in production');
        const accessTokens = new jwt_access_tokens_1.JwtAccessTokens(key, {
            issuer: config.jwt.issuer,
            audience: config.jwt.audience,
            ttlSeconds: config.jwt.accessTokenTtlSeconds,
        });
        const container = await (0, container_1.buildContainer)({
            config,
            logger,
            clock: clock_1.systemClock,
            masterPrisma: master.prisma,
            provisioner,
            tenantClients,
            passwordHasher: new argon2_password_hasher_1.Argon2PasswordHasher(config.passwordHashing),
            accessTokens,
        });
        // Templates are made ready now so the first CreateTenant only clones; a server that is down now is
        // retried by the first CreateTenant placed on it.
        await Promise.all(servers.names().map((name) => provisioner.template(name).catch((error) => logger.error({ err: error, server: name }, 'tenant template not ready'))));
        const admin = config.bootstrapSuperAdmin ?? (embedded ? developmentSuperAdmin(config.dataDir) : undefined);
        if (admin)
            await container.get(bootstrap_super_admin_1.BootstrapSuperAdmin).run(admin.email, admin.password);
        closers.push(async () => container.get(tokens_1.TOKENS.TenantDirectory).close());
        const sweeper = container.get(tenant_provisioning_sweeper_1.TenantProvisioningSweeper);
        await sweeper.sweep();
        sweeper.start();
        closers.push(() => sweeper.stop());
        const { server, health } = (0, grpc_server_1.createGrpcServer)(container, (0, node_fs_1.readFileSync)((0, project_root_1.descriptorSetPath)()));
        const port = await (0, grpc_server_1.bindGrpcServer)(server, config.grpc.host, config.grpc.port);
        closers.push(() => new Promise((resolve) => {
            (0, grpc_server_1.setServing)(health, false);
            const force = setTimeout(() => server.forceShutdown(), config.shutdownGraceSeconds * 1000);
            server.tryShutdown(() => {
                clearTimeout(force);
                resolve();
            });
        }));
        (0, grpc_server_1.setServing)(health, true);
        logger.info({ port, embedded: Boolean(embedded) }, 'user service serving');
        if (embedded && !config.bootstrapSuperAdmin)
            printDevelopmentHelp(port, config.dataDir, logger);
        let stopped;
        return { port, container, logger, stop: () => (stopped ??= closeAll()) };
    }
    catch (error) {
        await closeAll();
        throw error;
    }
}
/** The embedded default's super-admin: a fixed email and a random password kept in DATA_DIR. */
function developmentSuperAdmin(dataDir) {
    const file = node_path_1.default.join(dataDir, 'dev-superadmin-password');
    if (!(0, node_fs_1.existsSync)(file)) {
        (0, node_fs_1.mkdirSync)(dataDir, { recursive: true, mode: 0o700 });
        (0, node_fs_1.writeFileSync)(file, (0, node_crypto_1.randomBytes)(12).toString('base64url'), { mode: 0o600 });
    }
    return { email: exports.DEV_SUPERADMIN_EMAIL, password: (0, node_fs_1.readFileSync)(file, 'utf8').trim() };
}
function printDevelopmentHelp(port, dataDir, logger) {
    const password = (0, node_fs_1.readFileSync)(node_path_1.default.join(dataDir, 'dev-superadmin-password'), 'utf8').trim();
    // Development only: the embedded default prints its generated credentials so a newcomer can call it.
    logger.info({
        superAdminEmail: exports.DEV_SUPERADMIN_EMAIL,
        superAdminPasswordFile: node_path_1.default.join(dataDir, 'dev-superadmin-password'),
        try: `grpcurl -plaintext -d '{"email":"${exports.DEV_SUPERADMIN_EMAIL}","password":"${password}"}' localhost:${port} userservice.v1.AuthService/Login`,
    }, 'development mode: embedded PostgreSQL and a development super-admin');
}
//# sourceMappingURL=app.js.map