// Applies prisma/<schema>/migrations with Prisma's own engine and `_prisma_migrations` bookkeeping, the same
// history `prisma migrate deploy` keeps, so either tool can take over from the other.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { projectRoot } from '../project-root';
import { withSchemaEngine, type EngineLogger, type SchemaFile } from './schema-engine';

export type PrismaSchemaName = 'master' | 'tenant';

export interface MigrateResult {
  /** Migrations applied by this call, oldest first; empty when the database was up to date. */
  applied: string[];
  /** Newest migration folder name: the schema version the database is at now. */
  latest: string;
}

interface SchemaSources {
  datamodel: SchemaFile;
  migrations: MigrationList;
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

export const MIGRATION_LOCK_FILE = 'migration_lock.toml';

export class PrismaMigrator {
  private readonly sources = new Map<PrismaSchemaName, SchemaSources>();

  /** `log` receives the engine's log lines (JSON). */
  constructor(private readonly log: EngineLogger = () => {}) {}

  /** Applies the migrations `connectionString`'s database lacks; idempotent. Closes every connection it opened. */
  async migrate(connectionString: string, schema: PrismaSchemaName): Promise<MigrateResult> {
    const latest = this.latestMigration(schema);
    const { datamodel, migrations } = this.load(schema);
    // The usual case at start (the master and each template, every restart): nothing to apply. Known from
    // one query, without loading the engine (WebAssembly: most of a second of CPU at every start).
    if (await upToDate(connectionString, migrations)) return { applied: [], latest };
    const { appliedMigrationNames } = await withSchemaEngine(
      connectionString,
      datamodel,
      (engine) => engine.applyMigrations({ migrationsList: migrations, filters: NO_FILTER }),
      this.log,
    );
    return { applied: appliedMigrationNames, latest };
  }

  latestMigration(schema: PrismaSchemaName): string {
    const latest = this.load(schema).migrations.migrationDirectories.at(-1);
    if (!latest) throw new Error(`no migrations in ${migrationsDir(schema)}`);
    return latest.path;
  }

  /**
   * SQL that takes a database from the end of the migration history to what schema.prisma describes; empty
   * when they agree. The history is replayed on a shadow database that PrismaPg creates on `serverUrl`'s
   * server (any database there the user may connect to) and drops afterwards.
   */
  async pendingSql(serverUrl: string, schema: PrismaSchemaName): Promise<string> {
    const { datamodel, migrations } = this.load(schema);
    const { exitCode, stdout } = await withSchemaEngine(
      serverUrl,
      datamodel,
      (engine) =>
        engine.diff({
          from: { tag: 'migrations', ...migrations },
          to: { tag: 'schemaDatamodel', files: [datamodel] },
          script: true,
          exitCode: true, // 0: no difference, 2: a difference (stdout then holds the script)
          filters: NO_FILTER,
        }),
      this.log,
    );
    return exitCode === 0 ? '' : (stdout ?? '');
  }

  /** schema.prisma and the migrations, read once per migrator. */
  private load(schema: PrismaSchemaName): SchemaSources {
    let sources = this.sources.get(schema);
    if (!sources) {
      sources = { datamodel: readDatamodel(schema), migrations: readMigrations(schema) };
      this.sources.set(schema, sources);
    }
    return sources;
  }
}

/**
 * True only when the engine would certainly apply nothing: every migration folder is recorded in
 * `_prisma_migrations` as finished and not rolled back, with the checksum Prisma records (SHA-256 of
 * migration.sql), and the table records nothing else (no failed, unknown or unfinished migration). Any
 * doubt (no table, an error, a difference) answers false, and the engine decides as before.
 */
async function upToDate(connectionString: string, migrations: MigrationList): Promise<boolean> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string; checksum: string; done: boolean }>(
      'SELECT migration_name AS name, checksum, (finished_at IS NOT NULL AND rolled_back_at IS NULL) AS done FROM _prisma_migrations WHERE rolled_back_at IS NULL',
    );
    if (rows.length !== migrations.migrationDirectories.length || rows.some((r) => !r.done)) return false;
    const recorded = new Map(rows.map((r) => [r.name, r.checksum]));
    return migrations.migrationDirectories.every((dir) => {
      const content = dir.migrationFile.content;
      return content.tag === 'ok' && recorded.get(dir.path) === createHash('sha256').update(content.value).digest('hex');
    });
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function schemaPath(schema: PrismaSchemaName): string {
  return path.join(projectRoot(), 'prisma', schema, 'schema.prisma');
}

export function migrationsDir(schema: PrismaSchemaName): string {
  return path.join(projectRoot(), 'prisma', schema, 'migrations');
}

function readDatamodel(schema: PrismaSchemaName): SchemaFile {
  const file = schemaPath(schema);
  return { path: path.relative(projectRoot(), file), content: readFileSync(file, 'utf8') };
}

/** The shape `prisma migrate` loads: every sub-folder's migration.sql in name order, plus the lock file. */
function readMigrations(schema: PrismaSchemaName): MigrationList {
  const baseDir = migrationsDir(schema);
  const lockFile = path.join(baseDir, MIGRATION_LOCK_FILE);
  const folders = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()
    : [];
  return {
    baseDir,
    lockfile: { path: MIGRATION_LOCK_FILE, content: existsSync(lockFile) ? readFileSync(lockFile, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: folders.map((folder) => ({
      path: folder,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: readFileSync(path.join(baseDir, folder, 'migration.sql'), 'utf8') },
      },
    })),
  };
}
