// Each Prisma schema agrees with its migrations, and migrating is idempotent and leaves no connection open.
// Needs PostgreSQL (TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres): a user that
// may create databases.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { Client } from 'pg';
import { migrationsDir, PrismaMigrator, type PrismaSchemaName } from '../../src/infrastructure/prisma/migrator';

const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const TIMEOUT_MS = 30_000;

function databaseUrl(database: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.href;
}

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe.each<PrismaSchemaName>(['master', 'tenant'])('prisma/%s', (schema) => {
  const migrator = new PrismaMigrator();

  it(
    'schema.prisma describes the database its migrations build',
    async () => {
      // Replays the migrations on a shadow database the engine creates and drops.
      expect(await migrator.pendingSql(SERVER_URL, schema)).toBe('');
    },
    TIMEOUT_MS,
  );

  it(
    'migrating a fresh database applies every migration once, then nothing',
    async () => {
      const migrations = readdirSync(migrationsDir(schema), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
      const database = `drift_${schema}_${randomUUID().replaceAll('-', '')}`;
      await onServer(`CREATE DATABASE "${database}"`);
      try {
        const first = await migrator.migrate(databaseUrl(database), schema);
        expect(first).toEqual({ applied: migrations, latest: migrations.at(-1) });

        const second = await migrator.migrate(databaseUrl(database), schema);
        expect(second).toEqual({ applied: [], latest: first.latest });

        // A template must have no session: this fails if the migrator left a connection open.
        await onServer(`CREATE DATABASE "${database}_copy" TEMPLATE "${database}"`);
        await onServer(`DROP DATABASE "${database}_copy"`);
      } finally {
        await onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      }
    },
    TIMEOUT_MS,
  );
});
