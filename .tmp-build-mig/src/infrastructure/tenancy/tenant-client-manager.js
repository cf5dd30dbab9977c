"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TenantClientManager = void 0;
const adapter_pg_1 = require("@prisma/adapter-pg");
const pg_1 = __importDefault(require("pg"));
const client_1 = require("../../gen/prisma/tenant/client");
/**
 * One Prisma client per tenant database, cached in a bounded LRU so that thousands of tenants never
 * mean thousands of pools: at most `capacity` clients of at most `poolSize` connections each. An evicted
 * client is closed (`$disconnect()` and its pool ended) as soon as no call still uses it.
 */
class TenantClientManager {
    servers;
    capacity;
    poolSize;
    /** Map iteration order is insertion order; re-inserting on use makes the first key the least recent. */
    entries = new Map();
    evictions = 0;
    constructor(servers, capacity, poolSize) {
        this.servers = servers;
        this.capacity = capacity;
        this.poolSize = poolSize;
    }
    /** Runs `work` with the tenant's client. Concurrent first calls for one tenant share one client. */
    async use(tenant, work) {
        const entry = this.acquire(tenant);
        entry.inFlight += 1;
        try {
            return await work(entry.prisma);
        }
        finally {
            entry.inFlight -= 1;
            if (entry.evicted && entry.inFlight === 0)
                void this.closeEntry(entry);
        }
    }
    async close(tenantId) {
        const entry = this.entries.get(tenantId);
        if (!entry)
            return;
        this.entries.delete(tenantId);
        entry.evicted = true;
        // The caller is about to drop the database: close now, in-flight calls fail as they would anyway.
        await this.closeEntry(entry);
    }
    async closeAll() {
        const all = [...this.entries.values()];
        this.entries.clear();
        await Promise.all(all.map((e) => this.closeEntry(e)));
    }
    stats() {
        return { open: this.entries.size, evictions: this.evictions, capacity: this.capacity };
    }
    acquire(tenant) {
        let entry = this.entries.get(tenant.id);
        if (entry) {
            this.entries.delete(tenant.id);
            this.entries.set(tenant.id, entry);
            return entry;
        }
        const pool = new pg_1.default.Pool({
            connectionString: this.servers.databaseUrl(tenant.databaseServer, tenant.databaseName),
            max: this.poolSize,
            idleTimeoutMillis: 10_000,
            connectionTimeoutMillis: 5_000,
        });
        pool.on('error', () => undefined);
        entry = { prisma: new client_1.PrismaClient({ adapter: new adapter_pg_1.PrismaPg(pool) }), pool, inFlight: 0, evicted: false };
        this.entries.set(tenant.id, entry);
        this.evictOverflow();
        return entry;
    }
    evictOverflow() {
        while (this.entries.size > this.capacity) {
            const [oldestId, oldest] = this.entries.entries().next().value;
            this.entries.delete(oldestId);
            oldest.evicted = true;
            this.evictions += 1;
            if (oldest.inFlight === 0)
                void this.closeEntry(oldest);
        }
    }
    closeEntry(entry) {
        entry.closed ??= (async () => {
            await entry.prisma.$disconnect().catch(() => undefined);
            await entry.pool.end().catch(() => undefined);
        })();
        return entry.closed;
    }
}
exports.TenantClientManager = TenantClientManager;
//# sourceMappingURL=tenant-client-manager.js.map