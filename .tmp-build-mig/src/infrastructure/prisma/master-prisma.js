"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createMasterPrisma = createMasterPrisma;
const adapter_pg_1 = require("@prisma/adapter-pg");
const pg_1 = __importDefault(require("pg"));
const client_1 = require("../../gen/prisma/master/client");
/** The master database client (tenant registry, platform admins), on a pool we own and end. */
function createMasterPrisma(url, poolSize) {
    const pool = new pg_1.default.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
    // An idle client's error (server restart) must not crash the process; the pool replaces the client.
    pool.on('error', () => undefined);
    const prisma = new client_1.PrismaClient({ adapter: new adapter_pg_1.PrismaPg(pool) });
    return { prisma, pool };
}
//# sourceMappingURL=master-prisma.js.map