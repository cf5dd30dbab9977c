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
 * The relay's periodic scan: one timer, and none after stop(). A leaked timer scanned twice a period and
 * kept scanning (against pools being closed) after stop(). Real PostgreSQL (the master's queries are
 * counted at its pool) and real Redis (the publisher).
 */
const INTERVAL_MS = 100;
const database = uniqueName('relay_timer');
const url = `${TEST_SERVER_URL}/${database}`;
const servers = new DatabaseServers([{ name: 'default', url: `${TEST_SERVER_URL}/postgres` }]);
const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });
const prefix = `${uniqueName('relaytimer')}:`;
let queries = 0;
let master: ReturnType<typeof createMasterPrisma>;

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE "${database}"`);
  await new PrismaMigrator().migrate(url, 'master');
  master = createMasterPrisma(url, 2, () => (queries += 1));
  await redis.connect();
});

afterAll(async () => {
  await master.prisma.$disconnect();
  await master.pool.end();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await servers.close();
  await dropDatabase(database);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const tenantClients = new TenantClientManager(servers, 4, 1);
afterAll(() => tenantClients.closeAll());

function newRelay(): OutboxRelay {
  // The start-up scan lists tenants; with none registered, a registry that lists nothing is the same thing.
  const noTenants = { list: async () => [] } as unknown as TenantRepository;
  return new OutboxRelay(
    master,
    tenantClients,
    noTenants,
    servers,
    new RedisStreamsPublisher(redis, prefix, 1000),
    { scanIntervalMs: INTERVAL_MS, retentionDays: 30 },
    createLogger('silent'),
  );
}

test('start() arms one scan timer, not two', async () => {
  const relay = newRelay();
  const setIntervalSpy = jest.spyOn(global, 'setInterval');
  try {
    await relay.start();
    expect(setIntervalSpy).toHaveBeenCalledTimes(1);
  } finally {
    setIntervalSpy.mockRestore();
    await relay.stop();
  }
});

test('after stop() no scan runs again', async () => {
  const relay = newRelay();
  await relay.start();
  const before = queries;
  await sleep(INTERVAL_MS * 4);
  expect(queries).toBeGreaterThan(before); // the scan runs: publish check and retention purge on the master

  await relay.stop();
  await sleep(INTERVAL_MS); // a purge already under way may finish
  const afterStop = queries;
  await sleep(INTERVAL_MS * 5);
  expect(queries - afterStop).toBe(0);
});
