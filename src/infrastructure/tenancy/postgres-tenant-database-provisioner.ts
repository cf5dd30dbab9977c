import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '../../domain/shared/domain-error';
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

/**
 * Marks a database as a tenant's own (a database comment, which PostgreSQL keeps per database and does
 * not copy from a template): what the provisioner may adopt, migrate and drop, and nothing else.
 */
function ownerTag(tenantId: string): string {
  return `userservice tenant ${tenantId}`;
}

function quoteLiteral(value: string): string {
  if (!/^[A-Za-z0-9 -]+$/.test(value)) throw new Error('refusing an unsafe literal');
  return `'${value}'`;
}
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
    private readonly namePrefix: string = 'tenant_',
  ) {}

  serverNames(): string[] {
    return this.servers.names();
  }

  databasePrefix(): string {
    return this.namePrefix;
  }

  async ensureDatabase(server: string, databaseName: string, tenantId: string): Promise<string> {
    const templateVersion = await this.template(server);
    const tag = ownerTag(tenantId);
    if (await this.createDatabase(server, databaseName, this.templateName)) {
      await this.servers.adminPool(server).query(`COMMENT ON DATABASE ${quoteIdentifier(databaseName)} IS ${quoteLiteral(tag)}`);
      return templateVersion;
    }
    // It exists: ours from an earlier, interrupted attempt, or someone else's (another deployment on the
    // same server, the master itself, a database an operator made). Only ours is adopted.
    const owner = await this.ownerOf(server, databaseName);
    if (owner !== tag) {
      const whose = owner?.startsWith('userservice tenant ')
        ? "it belongs to another tenant registry (another deployment sharing this PostgreSQL server)"
        : 'it was not made by this service';
      throw DomainError.of(
        'DATABASE_NAME_TAKEN',
        `a database named ${databaseName} already exists on server '${server}' and ${whose}; it is left untouched. Deployments sharing a server need their own TENANT_DATABASE_PREFIX`,
      );
    }
    const { latest } = await this.migrator.migrate(this.servers.databaseUrl(server, databaseName), 'tenant');
    return latest;
  }

  async dropDatabase(server: string, databaseName: string, tenantId: string): Promise<void> {
    const owner = await this.ownerOf(server, databaseName);
    if (owner === undefined) return; // already gone
    // Never drop a database that is not this tenant's (see ensureDatabase).
    if (owner !== ownerTag(tenantId)) return;
    // FORCE ends sessions other replicas may still hold on the database (PostgreSQL 13+).
    await this.servers.adminPool(server).query(`DROP DATABASE IF EXISTS ${quoteIdentifier(databaseName)} WITH (FORCE)`);
  }

  /** The ownership tag (database comment) of a database; '' without one, undefined if it does not exist. */
  private async ownerOf(server: string, databaseName: string): Promise<string | undefined> {
    const { rows } = await this.servers
      .adminPool(server)
      .query<{ owner: string | null }>("SELECT shobj_description(oid, 'pg_database') AS owner FROM pg_database WHERE datname = $1", [databaseName]);
    return rows.length === 0 ? undefined : (rows[0].owner ?? '');
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
