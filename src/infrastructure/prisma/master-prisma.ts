import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { QUERY_LIMITS } from './query-limits';
import { PrismaClient } from '../../gen/prisma/master/client';
import { instrumentPool, QueryObserver } from '../metrics/instrument-pool';

export type MasterPrisma = PrismaClient;

/** The master database client (tenant registry, platform admins), on a pool we own and end. */
export function createMasterPrisma(url: string, poolSize: number, observe?: QueryObserver): { prisma: MasterPrisma; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000, ...QUERY_LIMITS });
  if (observe) instrumentPool(pool, 'master', observe);
  // An idle client's error (server restart) must not crash the process; the pool replaces the client.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), errorFormat: 'minimal' });
  return { prisma, pool };
}
