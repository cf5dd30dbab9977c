import Redis from 'ioredis';
import { TenantRepository } from '../../src/domain/tenant/tenant-repository';
import { createLogger } from '../../src/infrastructure/logging/pino-logger';
import { OutboxRelay } from '../../src/infrastructure/outbox/outbox-relay';
import { RedisStreamsPublisher } from '../../src/infrastructure/outbox/redis-streams-publisher';
import { createMasterPrisma } from '../../src/infrastructure/prisma/master-prisma';
import { PrismaMigrator } from '../../src/infrastructure/prisma/migrator';
import { DatabaseServers } from '../../src/infrastructure/tenancy/database-servers';
import { TenantClientManager } from '../../src/infrastructure/tenancy/tenant-client-manager';
import { adminQuery, dropDatabase, TEST_SERVER_URL, uniqueName } from '../support/test-database';

/**
 * Two relays (two replicas) publishing one database at once: the relay lock lets one take a batch at a
 * time, so every row reaches the stream once and in id order, and every row ends stamped published.
 * Real PostgreSQL and Redis; rows inserted with SQL.
 */
const ROWS = 450; // more than two batches of 200
const database = uniqueName('relay_lock');
const url = `${TEST_SERVER_URL}/${database}`;
const servers = new DatabaseServers([{ name: 'default', url: `${TEST_SERVER_URL}/postgres` }]);
const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });
const prefix = `${uniqueName('relaylock')}:`;
const tenantClients = new TenantClientManager(servers, 4, 1);
const masters: Array<ReturnType<typeof createMasterPrisma>> = [];

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE "${database}"`);
  await new PrismaMigrator().migrate(url, 'master');
  await redis.connect();
});

afterAll(async () => {
  for (const master of masters) {
    await master.prisma.$disconnect();
    await master.pool.end();
  }
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await tenantClients.closeAll();
  await servers.close();
  await dropDatabase(database);
});

function replica(): OutboxRelay {
  // Each replica has its own pool, as separate processes would.
  const master = createMasterPrisma(url, 2);
  masters.push(master);
  const noTenants = { list: async () => [] } as unknown as TenantRepository;
  return new OutboxRelay(master, tenantClients, noTenants, servers, new RedisStreamsPublisher(redis, prefix, 100_000), { scanIntervalMs: 60_000, retentionDays: 30 }, createLogger('silent'));
}

test('two replicas publishing the same outbox at once publish each row once, in id order, and stamp every row', async () => {
  // Ids in insertion order (a zero-padded counter in the uuid's last group), so id order is known.
  await adminQuery(
    `INSERT INTO outbox_events (id, type, family, payload, target_id)
     SELECT ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid, 'UserRegistered', 'user', '\\x00'::bytea, 'user-' || i
       FROM generate_series(1, ${ROWS}) AS i`,
    [],
    database,
  );
  const [a, b] = [replica(), replica()];
  for (let round = 0; round < 5; round++) {
    a.notify(undefined);
    b.notify(undefined);
    await Promise.all([a.flush(), b.flush()]);
  }
  const entries = await redis.xrange(`${prefix}user`, '-', '+');
  const published = entries.map(([, fields]) => fields[fields.indexOf('event_id') + 1]);
  const expected = Array.from({ length: ROWS }, (_, i) => `00000000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`);
  expect(published).toEqual(expected);
  const { rows } = await adminQuery<{ unpublished: string }>('SELECT count(*) AS unpublished FROM outbox_events WHERE published_at IS NULL', [], database);
  expect(Number(rows[0].unpublished)).toBe(0);
});
