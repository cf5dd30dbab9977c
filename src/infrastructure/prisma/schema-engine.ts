// Prisma's migration engine (schema engine) as WebAssembly, run in-process through the pg driver adapter,
// so migrations need neither the Prisma CLI nor its native engine download.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
// The package entry imports the .wasm as an ES module, which Node refuses, so we take the JS glue only and
// instantiate the .wasm ourselves. The glue is an ES module: compiled to CommonJS this import becomes a
// require(), which Node >= 20.19 serves natively (require(esm)); jest on Node 20 cannot, so the jest config
// transforms this package to CommonJS (transformIgnorePatterns lets it through).
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';

export type SchemaEngine = glue.SchemaEngine;
export type EngineLogger = (line: string) => void;

/** A Prisma schema file: `path` only labels errors, `content` is the schema text. */
export interface SchemaFile {
  path: string;
  content: string;
}

// The project's lib (ES2023, no DOM) has no WebAssembly types; this is the one call we make.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let engineClass: Promise<typeof glue.SchemaEngine> | undefined;

/** Whether this process has loaded the engine (the migrator's fast path avoids it; its test checks that). */
export function schemaEngineLoaded(): boolean {
  return engineClass !== undefined;
}

/** Compiles and starts the wasm module once per process (memoised; a failed load is retried next call). */
export function loadSchemaEngine(): Promise<typeof glue.SchemaEngine> {
  engineClass ??= instantiate().catch((error: unknown) => {
    engineClass = undefined;
    throw error;
  });
  return engineClass;
}

async function instantiate(): Promise<typeof glue.SchemaEngine> {
  // The package's "exports" hide the .wasm file; it sits next to the glue.
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
  // The wasm imports its host functions from the module named after the glue file.
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(glue) });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue.SchemaEngine;
}

type PrismaPgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

/**
 * The driver adapter factory the engine connects through: PrismaPg connections with three fixes, and a
 * record of everything opened so that close() leaves no connection and no shadow database behind, whatever
 * the engine itself closed.
 */
class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly cleanups: (() => Promise<void>)[] = [];

  constructor(private readonly connectionString: string) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.open(this.connectionString);
  }

  /**
   * PrismaPg's own connectToShadowDb creates the database, then connects with { connectionString, database },
   * where pg lets the URL's database win: the history would be replayed on the main database. Same steps,
   * with the database put in the URL.
   */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    // Cleanups run newest first: the shadow's pool closes, then this drops it, then `main` closes.
    this.cleanups.push(() => main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    const url = new URL(this.connectionString);
    url.pathname = `/${database}`;
    return this.open(url.href);
  }

  async close(): Promise<void> {
    const errors: unknown[] = [];
    for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup().catch((e: unknown) => errors.push(e));
    if (errors.length > 0) throw new AggregateError(errors, 'closing schema engine connections failed');
  }

  private async open(connectionString: string): Promise<PrismaPgAdapter> {
    const adapter = await new PrismaPg(connectionString).connect();
    readCharAsText(adapter);
    runScriptsWhole(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => readCharAsText(await startTransaction(isolationLevel));
    // Closing twice would end the pool twice, which pg rejects; the engine may close before we do.
    const dispose = adapter.dispose.bind(adapter);
    let closed: Promise<void> | undefined;
    adapter.dispose = () => (closed ??= dispose());
    this.cleanups.push(adapter.dispose);
    return adapter;
  }
}

/**
 * The engine arms timers it never clears (a 10 s one on every migrate), which would keep Node running 10 s
 * after the work is done. Its timers are unref'd instead; withSchemaEngine keeps the process alive meanwhile.
 */
function withUnrefTimers(host: typeof glue): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...host };
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    const setTimer = imports[name] as (...args: unknown[]) => NodeJS.Timeout;
    imports[name] = (...args: unknown[]) => setTimer(...args).unref();
  }
  return imports;
}

/**
 * PrismaPg 7.10 splits a script on every ";" (breaking string literals and function bodies) and runs the
 * pieces one by one, so a failing migration stays half applied. Send the script whole instead, as Prisma's
 * native engine does: PostgreSQL runs a multi-statement simple query as one implicit transaction.
 */
function runScriptsWhole(adapter: PrismaPgAdapter): void {
  const onError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
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
function readCharAsText<Q extends object>(queryable: Q): Q {
  type Fields = { fields: { dataTypeID: number }[] };
  const io = queryable as unknown as { performIO(query: unknown): Promise<Fields> };
  const performIO = io.performIO.bind(io);
  io.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    return result;
  };
  return queryable;
}

/**
 * Runs `work` with a schema engine connected to `connectionString`, then frees the engine, closes every
 * connection it opened and drops the shadow database it may have created on that server.
 * `datamodel` is the Prisma schema the engine starts with; commands that need one take it explicitly too.
 */
export async function withSchemaEngine<T>(
  connectionString: string,
  datamodel: SchemaFile | undefined,
  work: (engine: SchemaEngine) => Promise<T>,
  log: EngineLogger = () => {},
): Promise<T> {
  const SchemaEngineClass = await loadSchemaEngine();
  const factory = new MigrationAdapterFactory(connectionString);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  // Keeps Node running while the engine works, which its own timers no longer do (withUnrefTimers).
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    const datamodels: [string, string][] | undefined = datamodel && [[datamodel.path, datamodel.content]];
    const engine = await SchemaEngineClass.new({ datamodels }, log, adapter);
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  } catch (error) {
    throw originalError(adapter.errorRegistry, error);
  } finally {
    clearInterval(keepAlive);
    await factory.close();
  }
}

/** A JS error thrown inside the adapter reaches us as "External error id#N"; give back the original. */
function originalError(registry: ErrorRegistry, error: unknown): unknown {
  const id = error instanceof Error ? /^External error id#(\d+)/.exec(error.message)?.[1] : undefined;
  return (id !== undefined && registry.consumeError(Number(id))?.error) || error;
}
