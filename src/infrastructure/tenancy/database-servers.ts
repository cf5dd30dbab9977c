import pg from 'pg';
import { DatabaseServerConfig } from '../../config/config';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Double-quotes a PostgreSQL identifier that we generated; refuses anything outside [a-z0-9_]. */
export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`refusing unsafe database identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/**
 * The PostgreSQL servers that may hold tenant databases, by name. The registry stores only the name;
 * URLs (with credentials) stay in configuration. Each server gets a tiny admin pool for DDL.
 */
export class DatabaseServers {
  private readonly byName: Map<string, DatabaseServerConfig>;
  private readonly adminPools = new Map<string, pg.Pool>();

  constructor(servers: DatabaseServerConfig[]) {
    if (servers.length === 0) throw new Error('at least one tenant database server is required');
    this.byName = new Map(servers.map((s) => [s.name, s]));
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** Connection URL of `database` on `server`. */
  databaseUrl(server: string, database: string): string {
    const config = this.byName.get(server);
    if (!config) throw new Error(`tenant database server '${server}' is not configured (TENANT_DATABASE_SERVERS)`);
    const url = new URL(config.url);
    url.pathname = `/${database}`;
    return url.toString();
  }

  /** A small pool on the server's maintenance database, for CREATE/DROP DATABASE. */
  adminPool(server: string): pg.Pool {
    let pool = this.adminPools.get(server);
    if (!pool) {
      pool = new pg.Pool({ connectionString: this.databaseUrl(server, 'postgres'), max: 2, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 5_000 });
      pool.on('error', () => undefined);
      this.adminPools.set(server, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    await Promise.all([...this.adminPools.values()].map((p) => p.end()));
    this.adminPools.clear();
  }
}
