import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../gen/prisma/master/client';

export type MasterPrisma = PrismaClient;

/** The master database client (tenant registry, platform admins), on a pool we own and end. */
export function createMasterPrisma(url: string, poolSize: number): { prisma: MasterPrisma; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
  // An idle client's error (server restart) must not crash the process; the pool replaces the client.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { prisma, pool };
}
