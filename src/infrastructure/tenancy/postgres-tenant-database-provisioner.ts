import { setTimeout as sleep } from 'node:timers/promises';
import { TenantDatabaseProvisioner } from '../../domain/tenant/tenant-database-provisioner';
import { PrismaMigrator } from '../prisma/migrator';
import { DatabaseServers, quoteIdentifier } from './database-servers';

/**
 * Name of the database every tenant database is cloned from, kept migrated to the latest tenant schema.
 * Derived from the master database's name, so deployments sharing a server keep separate templates.
 */
export function templateDatabaseName(masterDatabaseUrl: string): string {
  const master = decodeURIComponent(new URL(masterDatabaseUrl).pathname.slice(1)).toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return `tenant_template_${master}`.slice(0, 63);
}

const DUPLICATE_DATABASE = '42P04';
/** Two CREATE DATABASE of one name at once: the loser trips over pg_database's unique index. */
const UNIQUE_VIOLATION = '23505';
const OBJECT_IN_USE = '55006';

/**
 * Creates tenant databases by cloning a migrated template (`CREATE DATABASE ... TEMPLATE`), which copies
 * files instead of replaying migrations; the template is created and migrated once per server and process.
 * A database found already there (a half-finished earlier attempt) is migrated in place instead.
 */
export class PostgresTenantDatabaseProvisioner implements TenantDatabaseProvisioner {
  private readonly templates = new Map<string, Promise<string>>();

  constructor(
    private readonly servers: DatabaseServers,
    private readonly migrator: PrismaMigrator,
    private readonly templateName: string,
  ) {}

  serverNames(): string[] {
    return this.servers.names();
  }

  async ensureDatabase(server: string, databaseName: string): Promise<string> {
    const templateVersion = await this.template(server);
    if (await this.createDatabase(server, databaseName, this.templateName)) return templateVersion;
    const { latest } = await this.migrator.migrate(this.servers.databaseUrl(server, databaseName), 'tenant');
    return latest;
  }

  async dropDatabase(server: string, databaseName: string): Promise<void> {
    // FORCE ends sessions other replicas may still hold on the database (PostgreSQL 13+).
    await this.servers.adminPool(server).query(`DROP DATABASE IF EXISTS ${quoteIdentifier(databaseName)} WITH (FORCE)`);
  }

  /** Creates and migrates the template on `server` once per process; the promise is shared by callers. */
  template(server: string): Promise<string> {
    let ready = this.templates.get(server);
    if (!ready) {
      ready = (async () => {
        await this.createDatabase(server, this.templateName);
        const { latest } = await this.migrator.migrate(this.servers.databaseUrl(server, this.templateName), 'tenant');
        return latest;
      })();
      ready.catch(() => this.templates.delete(server));
      this.templates.set(server, ready);
    }
    return ready;
  }

  /** CREATE DATABASE, optionally from a template; false if it already existed. */
  private async createDatabase(server: string, name: string, template?: string): Promise<boolean> {
    const sql = `CREATE DATABASE ${quoteIdentifier(name)}${template ? ` TEMPLATE ${quoteIdentifier(template)}` : ''}`;
    // A template is busy while another replica migrates it; that lasts milliseconds, so retry briefly.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.servers.adminPool(server).query(sql);
        return true;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === DUPLICATE_DATABASE || code === UNIQUE_VIOLATION) return false;
        if (code !== OBJECT_IN_USE || attempt >= 50) throw error;
        await sleep(50 + Math.random() * 50);
      }
    }
  }
}
