import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { adminQuery, dropDatabase, TEST_SERVER_URL, uniqueName } from '../support/test-database';

/**
 * At every start the service "migrates" the master and each template, which nearly always means applying
 * nothing. The migrator knows that from one query and then does not load Prisma's schema engine
 * (WebAssembly, most of a second of CPU); whenever anything differs the engine decides, as before. Each
 * step runs in a fresh process of the built service (dist/), so "was the engine loaded" is per call.
 */
const root = path.resolve(__dirname, '../..');
const database = uniqueName('us_migfast');
const url = `${TEST_SERVER_URL}/${database}`;

function migrateInFreshProcess(): { applied: string[]; engineLoaded: boolean } {
  const script = `
    const { PrismaMigrator } = require(${JSON.stringify(path.join(root, 'dist/src/infrastructure/prisma/migrator.js'))});
    const { schemaEngineLoaded } = require(${JSON.stringify(path.join(root, 'dist/src/infrastructure/prisma/schema-engine.js'))});
    const { ensureDatabaseExists } = require(${JSON.stringify(path.join(root, 'dist/src/infrastructure/prisma/ensure-database.js'))});
    (async () => {
      await ensureDatabaseExists(${JSON.stringify(url)});
      const { applied } = await new PrismaMigrator().migrate(${JSON.stringify(url)}, 'master');
      process.stdout.write(JSON.stringify({ applied, engineLoaded: schemaEngineLoaded() }));
    })().catch((error) => { process.stderr.write(String(error)); process.exit(1); });`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`migrate failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { applied: string[]; engineLoaded: boolean };
}

afterAll(async () => {
  await dropDatabase(database);
});

test('a fresh database is migrated by the engine; an up-to-date one without loading it; any difference goes back to the engine', async () => {
  const first = migrateInFreshProcess();
  expect(first.engineLoaded).toBe(true);
  expect(first.applied.length).toBeGreaterThanOrEqual(3);

  expect(migrateInFreshProcess()).toEqual({ applied: [], engineLoaded: false });

  // A recorded checksum that differs from migration.sql: not certain, so the engine decides.
  const [{ migration_name: name, checksum }] = (await adminQuery<{ migration_name: string; checksum: string }>('SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name LIMIT 1', [], database)).rows;
  await adminQuery('UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = $2', ['0'.repeat(64), name], database);
  expect(migrateInFreshProcess().engineLoaded).toBe(true);
  await adminQuery('UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = $2', [checksum, name], database);

  // An unfinished (failed) migration recorded: the engine reports it, as before.
  await adminQuery("INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('x-failed', 'x', '29990101000000_failed', now(), 0)", [], database);
  expect(() => migrateInFreshProcess()).toThrow(/migrate failed/);
  await adminQuery("DELETE FROM _prisma_migrations WHERE id = 'x-failed'", [], database);

  expect(migrateInFreshProcess()).toEqual({ applied: [], engineLoaded: false });
});
