"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PrismaMigrator = exports.MIGRATION_LOCK_FILE = void 0;
exports.schemaPath = schemaPath;
exports.migrationsDir = migrationsDir;
// Applies prisma/<schema>/migrations with Prisma's own engine and `_prisma_migrations` bookkeeping, the same
// history `prisma migrate deploy` keeps, so either tool can take over from the other.
const node_fs_1 = require("node:fs");
const node_path_1 = __importDefault(require("node:path"));
const project_root_1 = require("../project-root");
const schema_engine_1 = require("./schema-engine");
const NO_FILTER = { externalTables: [], externalEnums: [] };
exports.MIGRATION_LOCK_FILE = 'migration_lock.toml';
class PrismaMigrator {
    log;
    sources = new Map();
    /** `log` receives the engine's log lines (JSON). */
    constructor(log = () => { }) {
        this.log = log;
    }
    /** Applies the migrations `connectionString`'s database lacks; idempotent. Closes every connection it opened. */
    async migrate(connectionString, schema) {
        const latest = this.latestMigration(schema);
        const { datamodel, migrations } = this.load(schema);
        const { appliedMigrationNames } = await (0, schema_engine_1.withSchemaEngine)(connectionString, datamodel, (engine) => engine.applyMigrations({ migrationsList: migrations, filters: NO_FILTER }), this.log);
        return { applied: appliedMigrationNames, latest };
    }
    latestMigration(schema) {
        const latest = this.load(schema).migrations.migrationDirectories.at(-1);
        if (!latest)
            throw new Error(`no migrations in ${migrationsDir(schema)}`);
        return latest.path;
    }
    /**
     * SQL that takes a database from the end of the migration history to what schema.prisma describes; empty
     * when they agree. The history is replayed on a shadow database that PrismaPg creates on `serverUrl`'s
     * server (any database there the user may connect to) and drops afterwards.
     */
    async pendingSql(serverUrl, schema) {
        const { datamodel, migrations } = this.load(schema);
        const { exitCode, stdout } = await (0, schema_engine_1.withSchemaEngine)(serverUrl, datamodel, (engine) => engine.diff({
            from: { tag: 'migrations', ...migrations },
            to: { tag: 'schemaDatamodel', files: [datamodel] },
            script: true,
            exitCode: true, // 0: no difference, 2: a difference (stdout then holds the script)
            filters: NO_FILTER,
        }), this.log);
        return exitCode === 0 ? '' : (stdout ?? '');
    }
    /** schema.prisma and the migrations, read once per migrator. */
    load(schema) {
        let sources = this.sources.get(schema);
        if (!sources) {
            sources = { datamodel: readDatamodel(schema), migrations: readMigrations(schema) };
            this.sources.set(schema, sources);
        }
        return sources;
    }
}
exports.PrismaMigrator = PrismaMigrator;
function schemaPath(schema) {
    return node_path_1.default.join((0, project_root_1.projectRoot)(), 'prisma', schema, 'schema.prisma');
}
function migrationsDir(schema) {
    return node_path_1.default.join((0, project_root_1.projectRoot)(), 'prisma', schema, 'migrations');
}
function readDatamodel(schema) {
    const file = schemaPath(schema);
    return { path: node_path_1.default.relative((0, project_root_1.projectRoot)(), file), content: (0, node_fs_1.readFileSync)(file, 'utf8') };
}
/** The shape `prisma migrate` loads: every sub-folder's migration.sql in name order, plus the lock file. */
function readMigrations(schema) {
    const baseDir = migrationsDir(schema);
    const lockFile = node_path_1.default.join(baseDir, exports.MIGRATION_LOCK_FILE);
    const folders = (0, node_fs_1.existsSync)(baseDir)
        ? (0, node_fs_1.readdirSync)(baseDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()
        : [];
    return {
        baseDir,
        lockfile: { path: exports.MIGRATION_LOCK_FILE, content: (0, node_fs_1.existsSync)(lockFile) ? (0, node_fs_1.readFileSync)(lockFile, 'utf8') : null },
        shadowDbInitScript: '',
        migrationDirectories: folders.map((folder) => ({
            path: folder,
            migrationFile: {
                path: 'migration.sql',
                content: { tag: 'ok', value: (0, node_fs_1.readFileSync)(node_path_1.default.join(baseDir, folder, 'migration.sql'), 'utf8') },
            },
        })),
    };
}
//# sourceMappingURL=migrator.js.map