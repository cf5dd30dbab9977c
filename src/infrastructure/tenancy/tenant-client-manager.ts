import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { QUERY_LIMITS } from '../prisma/query-limits';
import { TenantConnections } from '../../application/tenant/tenant-connections';
import { Tenant } from '../../domain/tenant/tenant';
import { PrismaClient } from '../../gen/prisma/tenant/client';
import { DatabaseServers } from './database-servers';
import { instrumentPool, QueryObserver } from '../metrics/instrument-pool';

export type TenantPrisma = PrismaClient;

interface Entry {
  tenant: Tenant;
  /** Made on first use: a tenant only read through the cache's misses never needs one (see `read`). */
  prisma?: TenantPrisma;
  pool: pg.Pool;
  inFlight: number;
  /** Set once evicted: the client closes when its last in-flight use ends. */
  evicted: boolean;
  closed?: Promise<void>;
}

/**
 * One Prisma client per tenant database, cached in a bounded LRU so that thousands of tenants never
 * mean thousands of pools: at most `capacity` clients of at most `poolSize` connections each. An evicted
 * client is closed (`$disconnect()` and its pool ended) as soon as no call still uses it.
 */
export class TenantClientManager implements TenantConnections {
  /** Map iteration order is insertion order; re-inserting on use makes the first key the least recent. */
  private readonly entries = new Map<string, Entry>();
  private evictions = 0;

  constructor(
    private readonly servers: DatabaseServers,
    private readonly capacity: number,
    private readonly poolSize: number,
    private readonly observe?: QueryObserver,
  ) {}

  /**
   * Runs `work` with the tenant's Prisma client and the pg pool under it. Concurrent first calls for one
   * tenant share one client.
   */
  use<T>(tenant: Tenant, work: (prisma: TenantPrisma, pool: pg.Pool) => Promise<T>): Promise<T> {
    return this.using(tenant, (entry) => work((entry.prisma ??= this.clientFor(entry.pool)), entry.pool));
  }

  /**
   * Runs `work` with the tenant's pg pool only, for the hot single-row reads (pg-user-queries.ts). A Prisma
   * client costs megabytes of memory (its query compiler and caches); a tenant whose users are only read,
   * as most of a thousand tenants are at any moment, never gets one.
   */
  read<T>(tenant: Tenant, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
    return this.using(tenant, (entry) => work(entry.pool));
  }

  private async using<T>(tenant: Tenant, work: (entry: Entry) => Promise<T>): Promise<T> {
    const entry = this.acquire(tenant);
    entry.inFlight += 1;
    try {
      return await work(entry);
    } finally {
      entry.inFlight -= 1;
      if (entry.evicted && entry.inFlight === 0) void this.closeEntry(entry);
    }
  }

  async close(tenantId: string): Promise<void> {
    const entry = this.entries.get(tenantId);
    if (!entry) return;
    this.entries.delete(tenantId);
    entry.evicted = true;
    // The caller is about to drop the database: close now, in-flight calls fail as they would anyway.
    await this.closeEntry(entry);
  }

  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => this.closeEntry(e)));
  }

  /** Tenants whose clients are open now. */
  openTenants(): Tenant[] {
    return [...this.entries.values()].map((e) => e.tenant);
  }

  /** `withPrisma`: the open tenants that also have a Prisma client (a tenant only read has none). */
  stats(): { open: number; withPrisma: number; evictions: number; capacity: number; connections: { total: number; idle: number; waiting: number } } {
    const connections = { total: 0, idle: 0, waiting: 0 };
    let withPrisma = 0;
    for (const { pool, prisma } of this.entries.values()) {
      connections.total += pool.totalCount;
      connections.idle += pool.idleCount;
      connections.waiting += pool.waitingCount;
      if (prisma) withPrisma += 1;
    }
    return { open: this.entries.size, withPrisma, evictions: this.evictions, capacity: this.capacity, connections };
  }

  private acquire(tenant: Tenant): Entry {
    let entry = this.entries.get(tenant.id);
    if (entry) {
      this.entries.delete(tenant.id);
      this.entries.set(tenant.id, entry);
      return entry;
    }
    const pool = new pg.Pool({
      connectionString: this.servers.databaseUrl(tenant.databaseServer, tenant.databaseName),
      max: this.poolSize,
      idleTimeoutMillis: 10_000,
      connectionTimeoutMillis: 5_000,
      ...QUERY_LIMITS,
    });
    pool.on('error', () => undefined);
    if (this.observe) instrumentPool(pool, 'tenants', this.observe);
    entry = { tenant, pool, inFlight: 0, evicted: false };
    this.entries.set(tenant.id, entry);
    this.evictOverflow();
    return entry;
  }

  private clientFor(pool: pg.Pool): TenantPrisma {
    return new PrismaClient({ adapter: new PrismaPg(pool), errorFormat: 'minimal' });
  }

  private evictOverflow(): void {
    while (this.entries.size > this.capacity) {
      const [oldestId, oldest] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldestId);
      oldest.evicted = true;
      this.evictions += 1;
      if (oldest.inFlight === 0) void this.closeEntry(oldest);
    }
  }

  private closeEntry(entry: Entry): Promise<void> {
    entry.closed ??= (async () => {
      await entry.prisma?.$disconnect().catch(() => undefined);
      await entry.pool.end().catch(() => undefined);
    })();
    return entry.closed;
  }
}
