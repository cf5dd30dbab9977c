"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadSchemaEngine = loadSchemaEngine;
exports.withSchemaEngine = withSchemaEngine;
// Prisma's migration engine (schema engine) as WebAssembly, run in-process through the pg driver adapter,
// so migrations need neither the Prisma CLI nor its native engine download.
const node_crypto_1 = require("node:crypto");
const promises_1 = require("node:fs/promises");
const node_path_1 = __importDefault(require("node:path"));
const adapter_pg_1 = require("@prisma/adapter-pg");
const driver_adapter_utils_1 = require("@prisma/driver-adapter-utils");
// The package entry imports the .wasm as an ES module, which Node refuses, so we take the JS glue only and
// instantiate the .wasm ourselves. The glue is an ES module: compiled to CommonJS this import becomes a
// require(), which Node >= 20.19 serves natively (require(esm)); jest on Node 20 cannot, so jest transforms
// this one file (see the jest config: transformIgnorePatterns).
const glue = __importStar(require("@prisma/schema-engine-wasm/schema_engine_bg"));
let engineClass;
/** Compiles and starts the wasm module once per process (memoised; a failed load is retried next call). */
function loadSchemaEngine() {
    engineClass ??= instantiate().catch((error) => {
        engineClass = undefined;
        throw error;
    });
    return engineClass;
}
async function instantiate() {
    // The package's "exports" hide the .wasm file; it sits next to the glue.
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await (0, promises_1.readFile)(node_path_1.default.join(node_path_1.default.dirname(gluePath), 'schema_engine_bg.wasm'));
    // The wasm imports its host functions from the module named after the glue file.
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(glue) });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return glue.SchemaEngine;
}
/**
 * The driver adapter factory the engine connects through: PrismaPg connections with three fixes, and a
 * record of everything opened so that close() leaves no connection and no shadow database behind, whatever
 * the engine itself closed.
 */
class MigrationAdapterFactory {
    connectionString;
    provider = 'postgres';
    adapterName = '@prisma/adapter-pg';
    cleanups = [];
    constructor(connectionString) {
        this.connectionString = connectionString;
    }
    connect() {
        return this.open(this.connectionString);
    }
    /**
     * PrismaPg's own connectToShadowDb creates the database, then connects with { connectionString, database },
     * where pg lets the URL's database win: the history would be replayed on the main database. Same steps,
     * with the database put in the URL.
     */
    async connectToShadowDb() {
        const main = await this.connect();
        const database = `prisma_migrate_shadow_db_${(0, node_crypto_1.randomUUID)()}`;
        await main.executeScript(`CREATE DATABASE "${database}"`);
        // Cleanups run newest first: the shadow's pool closes, then this drops it, then `main` closes.
        this.cleanups.push(() => main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
        const url = new URL(this.connectionString);
        url.pathname = `/${database}`;
        return this.open(url.href);
    }
    async close() {
        const errors = [];
        for (const cleanup of this.cleanups.splice(0).reverse())
            await cleanup().catch((e) => errors.push(e));
        if (errors.length > 0)
            throw new AggregateError(errors, 'closing schema engine connections failed');
    }
    async open(connectionString) {
        const adapter = await new adapter_pg_1.PrismaPg(connectionString).connect();
        readCharAsText(adapter);
        runScriptsWhole(adapter);
        const startTransaction = adapter.startTransaction.bind(adapter);
        adapter.startTransaction = async (isolationLevel) => readCharAsText(await startTransaction(isolationLevel));
        // Closing twice would end the pool twice, which pg rejects; the engine may close before we do.
        const dispose = adapter.dispose.bind(adapter);
        let closed;
        adapter.dispose = () => (closed ??= dispose());
        this.cleanups.push(adapter.dispose);
        return adapter;
    }
}
/**
 * The engine arms timers it never clears (a 10 s one on every migrate), which would keep Node running 10 s
 * after the work is done. Its timers are unref'd instead; withSchemaEngine keeps the process alive meanwhile.
 */
function withUnrefTimers(host) {
    const imports = { ...host };
    for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
        const setTimer = imports[name];
        imports[name] = (...args) => setTimer(...args).unref();
    }
    return imports;
}
/**
 * PrismaPg 7.10 splits a script on every ";" (breaking string literals and function bodies) and runs the
 * pieces one by one, so a failing migration stays half applied. Send the script whole instead, as Prisma's
 * native engine does: PostgreSQL runs a multi-statement simple query as one implicit transaction.
 */
function runScriptsWhole(adapter) {
    const onError = adapter.onError.bind(adapter);
    adapter.executeScript = async (script) => {
        await adapter.underlyingDriver().query(script).catch(onError);
    };
}
const PG_CHAR = 18;
const PG_TEXT = 25;
/**
 * PrismaPg 7.10 rejects result columns of PostgreSQL's one-byte "char" type (e.g. pg_constraint.contype),
 * which the engine's schema describer reads whenever it inspects a database (diff from migrations).
 * pg returns such values as strings, so the column is reported as text. Patches one adapter or transaction
 * (its private performIO, which every query goes through).
 */
function readCharAsText(queryable) {
    const io = queryable;
    const performIO = io.performIO.bind(io);
    io.performIO = async (query) => {
        const result = await performIO(query);
        for (const field of result.fields)
            if (field.dataTypeID === PG_CHAR)
                field.dataTypeID = PG_TEXT;
        return result;
    };
    return queryable;
}
/**
 * Runs `work` with a schema engine connected to `connectionString`, then frees the engine and closes every
 * connection it opened (including a shadow database, which PrismaPg creates on that server and drops).
 * `datamodel` is the Prisma schema the engine starts with; commands that need one take it explicitly too.
 */
async function withSchemaEngine(connectionString, datamodel, work, log = () => { }) {
    const SchemaEngineClass = await loadSchemaEngine();
    const factory = new MigrationAdapterFactory(connectionString);
    const adapter = (0, driver_adapter_utils_1.bindMigrationAwareSqlAdapterFactory)(factory);
    const keepAlive = setInterval(() => { }, 60_000); // the engine's own timers do not (withUnrefTimers)
    try {
        const datamodels = datamodel && [[datamodel.path, datamodel.content]];
        const engine = await SchemaEngineClass.new({ datamodels }, log, adapter);
        try {
            return await work(engine);
        }
        finally {
            engine.free();
        }
    }
    catch (error) {
        throw originalError(adapter.errorRegistry, error);
    }
    finally {
        clearInterval(keepAlive);
        await factory.close();
    }
}
/** A JS error thrown inside the adapter reaches us as "External error id#N"; give back the original. */
function originalError(registry, error) {
    const id = error instanceof Error ? /^External error id#(\d+)/.exec(error.message)?.[1] : undefined;
    return (id !== undefined && registry.consumeError(Number(id))?.error) || error;
}
//# sourceMappingURL=schema-engine.js.map