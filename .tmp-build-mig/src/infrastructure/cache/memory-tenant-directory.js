"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MemoryTenantDirectory = void 0;
const node_cache_1 = __importDefault(require("node-cache"));
/**
 * Tenant registry lookups for the tenant interceptor, cached in process (node-cache without cloning:
 * handlers that change a tenant load their own copy from the repository, never the cached one).
 * Writes on this replica invalidate at once; other replicas see a change within the TTL.
 * Concurrent misses for one slug share one database read.
 */
class MemoryTenantDirectory {
    tenants;
    cache;
    pending = new Map();
    constructor(tenants, ttlSeconds) {
        this.tenants = tenants;
        this.cache = new node_cache_1.default({ stdTTL: ttlSeconds, checkperiod: Math.max(1, ttlSeconds), useClones: false });
    }
    async findBySlug(slug) {
        const hit = this.cache.get(slug);
        if (hit !== undefined)
            return hit ?? undefined;
        const pending = this.pending.get(slug);
        if (pending)
            return pending;
        const read = this.tenants.findBySlug(slug).then((tenant) => {
            // Cache only if no write invalidated the slug meanwhile. Unknown slugs are cached too (as null),
            // so a flood of bad ids does not reach the database.
            if (this.pending.get(slug) === read)
                this.cache.set(slug, tenant ?? null);
            return tenant;
        }).finally(() => {
            if (this.pending.get(slug) === read)
                this.pending.delete(slug);
        });
        this.pending.set(slug, read);
        return read;
    }
    async invalidate(slug) {
        this.pending.delete(slug);
        this.cache.del(slug);
    }
    close() {
        this.cache.close();
    }
}
exports.MemoryTenantDirectory = MemoryTenantDirectory;
//# sourceMappingURL=memory-tenant-directory.js.map