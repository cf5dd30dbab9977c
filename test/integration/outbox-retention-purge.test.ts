import Redis from 'ioredis';
import pg from 'pg';
import { TenantRepository } from '../../src/domain/tenant/tenant-repository';
import { createLogger } from '../../src/infrastructure/logging/pino-logger';
import { OutboxRelay } from '../../src/infrastructure/outbox/outbox-relay';
import { RedisStreamsPublisher } from '../../src/infrastructure/outbox/redis-streams-publisher';
import { createMasterPrisma } from '../../src/infrastructure/prisma/master-prisma';
import { PrismaMigrator } from '../../src/infrastructure/prisma/migrator';
import { DatabaseServers } from '../../src/infrastructure/tenancy/database-servers';
import { TenantClientManager } from '../../src/infrastructure/tenancy/tenant-client-manager';
import { TenantMother } from '../unit/support/mothers';
import { adminQuery, dropDatabase, TEST_SERVER_URL, uniqueName } from '../support/test-database';

/**
 * The relay's retention purge, in the master and in an open tenant database: published events past
 * AUDIT_RETENTION_DAYS go (every old one when there is no broker), recent ones stay, and a tenant that was only read is purged
 * through its pg pool without being given a Prisma client; a backlog goes a batch per transaction. Real PostgreSQL
 * and Redis; rows inserted with SQL.
 */
const master = uniqueName('purge_master');
const tenant = TenantMother.active({ slug: uniqueName('purge').replace(/_/g, '-').slice(0, 40) });
const servers = new DatabaseServers([{ name: 'default', url: `${TEST_SERVER_URL}/postgres` }]);
const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });
const prefix = `${uniqueName('purge')}:`;
const tenantClients = new TenantClientManager(servers, 4, 1);
let masterDb: ReturnType<typeof createMasterPrisma>;
let relay: OutboxRelay | undefined;

/** Ids by what each row is, the same in both databases. */
const ROWS = {
  oldPublished: '00000000-0000-7000-8000-000000000001',
  recentPublished: '00000000-0000-7000-8000-000000000002',
  recentUnpublished: '00000000-0000-7000-8000-000000000003',
};

async function seed(database: string): Promise<void> {
  await adminQuery(
    `INSERT INTO outbox_events (id, type, family, payload, target_id, occurred_at, published_at) VALUES
       ($1, 'UserRegistered', 'user', '\\x00'::bytea, 'u-1', now() - interval '40 days', now() - interval '40 days'),
       ($2, 'UserRegistered', 'user', '\\x00'::bytea, 'u-2', now() - interval '1 day', now() - interval '1 day'),
       ($3, 'UserRegistered', 'user', '\\x00'::bytea, 'u-3', now() - interval '1 hour', NULL)`,
    [ROWS.oldPublished, ROWS.recentPublished, ROWS.recentUnpublished],
    database,
  );
}

async function ids(database: string): Promise<string[]> {
  const { rows } = await adminQuery<{ id: string }>('SELECT id FROM outbox_events ORDER BY id', [], database);
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE "${master}"`);
  await adminQuery(`CREATE DATABASE "${tenant.databaseName}"`);
  await new PrismaMigrator().migrate(`${TEST_SERVER_URL}/${master}`, 'master');
  await new PrismaMigrator().migrate(servers.databaseUrl('default', tenant.databaseName), 'tenant');
  masterDb = createMasterPrisma(`${TEST_SERVER_URL}/${master}`, 2);
  await redis.connect();
});

afterAll(async () => {
  await relay?.stop();
  await masterDb.prisma.$disconnect();
  await masterDb.pool.end();
  await tenantClients.closeAll();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await servers.close();
  await dropDatabase(master);
  await dropDatabase(tenant.databaseName);
});

test('the first periodic scan purges published events past retention from the master and an open tenant, on the pg pool alone', async () => {
  await seed(master);
  await seed(tenant.databaseName);
  // The tenant is open the way a GetMe leaves it: read through its pool, no Prisma client.
  await tenantClients.read(tenant, (pool) => pool.query('SELECT 1'));
  expect(tenantClients.stats()).toMatchObject({ open: 1, withPrisma: 0 });

  const noTenants = { list: async () => [] } as unknown as TenantRepository;
  relay = new OutboxRelay(masterDb, tenantClients, noTenants, servers, new RedisStreamsPublisher(redis, prefix, 1000), { scanIntervalMs: 50, retentionDays: 30 }, createLogger('silent'));
  await relay.start();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && ((await ids(master)).includes(ROWS.oldPublished) || (await ids(tenant.databaseName)).includes(ROWS.oldPublished))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await relay.stop();

  for (const database of [master, tenant.databaseName]) expect(await ids(database)).toEqual([ROWS.recentPublished, ROWS.recentUnpublished]);
  expect(tenantClients.stats()).toMatchObject({ open: 1, withPrisma: 0 });
});

test('without a broker (no Redis) the purge deletes every event past retention, published or not, and keeps recent ones', async () => {
  for (const database of [master, tenant.databaseName]) {
    await adminQuery('DELETE FROM outbox_events', [], database);
    await adminQuery(
      `INSERT INTO outbox_events (id, type, family, payload, target_id, occurred_at, published_at) VALUES
         ($1, 'UserRegistered', 'user', '\\x00'::bytea, 'u-4', now() - interval '40 days', NULL),
         ($2, 'UserRegistered', 'user', '\\x00'::bytea, 'u-5', now() - interval '1 day', NULL)`,
      [ROWS.oldPublished, ROWS.recentUnpublished],
      database,
    );
  }
  const noTenants = { list: async () => [] } as unknown as TenantRepository;
  relay = new OutboxRelay(masterDb, tenantClients, noTenants, servers, undefined, { scanIntervalMs: 50, retentionDays: 30 }, createLogger('silent'));
  await relay.start();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && ((await ids(master)).length > 1 || (await ids(tenant.databaseName)).length > 1)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await relay.stop();

  // The recent row stays unpublished: there is nothing to publish to.
  for (const database of [master, tenant.databaseName]) expect(await ids(database)).toEqual([ROWS.recentUnpublished]);
  expect(tenantClients.stats()).toMatchObject({ withPrisma: 0 });
});

test('a backlog is purged a batch per transaction: a row another transaction holds keeps back its batch only', async () => {
  await adminQuery('DELETE FROM outbox_events', [], master);
  const RECENT = '00000000-0000-7000-8000-000000000999';
  // 35 published events past retention, oldest first by id and by time, and one recent.
  await adminQuery(
    `INSERT INTO outbox_events (id, type, family, payload, target_id, occurred_at, published_at)
       SELECT ('00000000-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid, 'UserRegistered', 'user', '\\x00'::bytea, 'u-' || n,
              now() - interval '40 days' + n * interval '1 second', now() - interval '40 days'
       FROM generate_series(1, 35) AS n`,
    [],
    master,
  );
  await adminQuery(
    `INSERT INTO outbox_events (id, type, family, payload, target_id, occurred_at, published_at) VALUES ($1, 'UserRegistered', 'user', '\\x00'::bytea, 'u-x', now(), now())`,
    [RECENT],
    master,
  );
  const old = async () => Number((await adminQuery<{ n: string }>(`SELECT count(*) AS n FROM outbox_events WHERE occurred_at < now() - interval '30 days'`, [], master)).rows[0].n);
  // Another transaction holds the newest old row (the last batch of ten).
  const holder = new pg.Client({ connectionString: `${TEST_SERVER_URL}/${master}` });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query(`SELECT id FROM outbox_events WHERE id = '00000000-0000-7000-8000-000000000035' FOR UPDATE`);
  const noTenants = { list: async () => [] } as unknown as TenantRepository;
  relay = new OutboxRelay(masterDb, tenantClients, noTenants, servers, new RedisStreamsPublisher(redis, prefix, 1000), { scanIntervalMs: 50, retentionDays: 30, purgeBatchSize: 10 }, createLogger('silent'));
  try {
    await relay.start();
    // The first three batches commit while the fourth waits for the row: 5 old rows left, not 35.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await old()) > 5) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await old()).toBe(5);
  } finally {
    await holder.query('COMMIT');
    await holder.end();
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && (await old()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  await relay.stop();
  expect(await old()).toBe(0);
  expect(await ids(master)).toEqual([RECENT]);
});
