import pg from 'pg';
import { Histogram, LatencySummary } from './histogram';
import { seededUuid } from './loadgen';
import { childMain, closedLoop } from './windowed';

/**
 * The raw-pg reference of the GetUser scenario (a child pinned to the server's core, so it has the same
 * CPU budget): the same row read with node-postgres directly, on a pool of the same size as a tenant
 * client's, with the same number of reads in flight (ids cycle over a range: PostgreSQL has no result
 * cache, so a repeated read costs what a first one does).
 */
export interface PgLoopConfig {
  url: string;
  poolSize: number;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  seed: string;
  start: number;
  count: number;
}

export interface PgLoopResult {
  windowSeconds: number;
  completed: number;
  missing: number;
  perSecond: number;
  latency: LatencySummary;
  /** Reads issued, warm-up included. */
  reads: number;
}

const SQL = `SELECT id, email, email_normalized, name, password_hash, role, status, created_at, updated_at FROM users WHERE id = $1`;

async function run(config: PgLoopConfig, window: { start(): void; end(): void }): Promise<PgLoopResult> {
  const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize });
  await Promise.all(Array.from({ length: config.poolSize }, () => pool.query('SELECT 1')));
  // Cycles over [start, start + count): PostgreSQL has no result cache, so a repeat costs what a first read does.
  let k = 0;
  const histogram = new Histogram();
  let completed = 0;
  let missing = 0;
  const windowSeconds = await closedLoop(config, window, async (inWindow) => {
    const id = seededUuid(config.seed, config.start + (k++ % config.count));
    const startedAt = performance.now();
    const { rowCount } = await pool.query(SQL, [id]);
    if (inWindow()) {
      histogram.recordMs(performance.now() - startedAt);
      completed += 1;
      if (rowCount !== 1) missing += 1;
    }
  });
  await pool.end();
  return { windowSeconds, completed, missing, perSecond: completed / windowSeconds, latency: histogram.summary(), reads: k };
}

if (require.main === module) childMain(run);
