"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigError = void 0;
exports.loadConfig = loadConfig;
const node_path_1 = __importDefault(require("node:path"));
const node_os_1 = __importDefault(require("node:os"));
const zod_1 = require("zod");
/** A positive integer from an environment string. */
const int = (fallback, min = 1, max = Number.MAX_SAFE_INTEGER) => zod_1.z.coerce.number().int().min(min).max(max).default(fallback);
const postgresUrl = zod_1.z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL');
const schema = zod_1.z.object({
    DATABASE_URL: postgresUrl.optional(),
    REDIS_URL: zod_1.z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
    GRPC_HOST: zod_1.z.string().default('0.0.0.0'),
    GRPC_PORT: int(50051, 0, 65535),
    DATA_DIR: zod_1.z.string().default('.data'),
    LOG_LEVEL: zod_1.z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BOOTSTRAP_SUPERADMIN_EMAIL: zod_1.z.string().optional(),
    BOOTSTRAP_SUPERADMIN_PASSWORD: zod_1.z.string().min(12, 'must be at least 12 characters').optional(),
    JWT_PRIVATE_KEY_FILE: zod_1.z.string().optional(),
    JWT_ISSUER: zod_1.z.string().default('user-service'),
    JWT_AUDIENCE: zod_1.z.string().default('user-service'),
    ACCESS_TOKEN_TTL_SECONDS: int(900, 30, 86_400),
    TENANT_DATABASE_SERVERS: zod_1.z.string().optional(),
    TENANT_CLIENT_CACHE_SIZE: int(100, 1, 100_000),
    TENANT_POOL_SIZE: int(3, 1, 100),
    MASTER_POOL_SIZE: int(10, 1, 1000),
    TENANT_CACHE_TTL_SECONDS: int(5, 1, 3600),
    PROVISIONING_STALE_SECONDS: int(120, 1, 86_400),
    PASSWORD_HASH_MEMORY_KIB: int(19_456, 19_456),
    PASSWORD_HASH_ITERATIONS: int(2, 2),
    PASSWORD_HASH_PARALLELISM: int(1, 1, 16),
    PASSWORD_HASH_CONCURRENCY: int(Math.max(1, node_os_1.default.availableParallelism() - 1), 1, 256),
    SHUTDOWN_GRACE_SECONDS: int(10, 0, 600),
});
/** Thrown for invalid configuration; its message is one line naming the setting. */
class ConfigError extends Error {
}
exports.ConfigError = ConfigError;
function parseServers(raw) {
    return raw.split(',').map((entry) => {
        const match = /^\s*([a-z][a-z0-9_-]{0,62})=(postgres(?:ql)?:\/\/\S+)\s*$/.exec(entry);
        if (!match)
            throw new ConfigError(`TENANT_DATABASE_SERVERS: expected "name=postgresql://..." entries separated by commas`);
        return { name: match[1], url: match[2] };
    });
}
/** Reads and validates the configuration once, at start. */
function loadConfig(env = process.env) {
    const parsed = schema.safeParse(env);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ConfigError(`${issue.path.join('.')}: ${issue.message}`);
    }
    const e = parsed.data;
    if ((e.BOOTSTRAP_SUPERADMIN_EMAIL === undefined) !== (e.BOOTSTRAP_SUPERADMIN_PASSWORD === undefined)) {
        throw new ConfigError('BOOTSTRAP_SUPERADMIN_EMAIL and BOOTSTRAP_SUPERADMIN_PASSWORD must be set together');
    }
    if (e.TENANT_DATABASE_SERVERS && !e.DATABASE_URL) {
        throw new ConfigError('TENANT_DATABASE_SERVERS needs DATABASE_URL (the embedded database serves only itself)');
    }
    const servers = e.TENANT_DATABASE_SERVERS ? parseServers(e.TENANT_DATABASE_SERVERS) : undefined;
    return {
        databaseUrl: e.DATABASE_URL,
        redisUrl: e.REDIS_URL,
        grpc: { host: e.GRPC_HOST, port: e.GRPC_PORT },
        dataDir: node_path_1.default.resolve(e.DATA_DIR),
        logLevel: e.LOG_LEVEL,
        bootstrapSuperAdmin: e.BOOTSTRAP_SUPERADMIN_EMAIL && e.BOOTSTRAP_SUPERADMIN_PASSWORD
            ? { email: e.BOOTSTRAP_SUPERADMIN_EMAIL, password: e.BOOTSTRAP_SUPERADMIN_PASSWORD }
            : undefined,
        jwt: {
            privateKeyFile: e.JWT_PRIVATE_KEY_FILE,
            issuer: e.JWT_ISSUER,
            audience: e.JWT_AUDIENCE,
            accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
        },
        tenantDatabaseServers: servers,
        tenants: {
            clientCacheSize: e.TENANT_CLIENT_CACHE_SIZE,
            poolSize: e.TENANT_POOL_SIZE,
            cacheTtlSeconds: e.TENANT_CACHE_TTL_SECONDS,
            provisioningStaleSeconds: e.PROVISIONING_STALE_SECONDS,
        },
        masterPoolSize: e.MASTER_POOL_SIZE,
        passwordHashing: {
            memoryKib: e.PASSWORD_HASH_MEMORY_KIB,
            iterations: e.PASSWORD_HASH_ITERATIONS,
            parallelism: e.PASSWORD_HASH_PARALLELISM,
            concurrency: e.PASSWORD_HASH_CONCURRENCY,
        },
        shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    };
}
//# sourceMappingURL=config.js.map