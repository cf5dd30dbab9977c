"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PostgresTenantDatabaseProvisioner = void 0;
exports.templateDatabaseName = templateDatabaseName;
const promises_1 = require("node:timers/promises");
const database_servers_1 = require("./database-servers");
/**
 * Name of the database every tenant database is cloned from, kept migrated to the latest tenant schema.
 * Derived from the master database's name, so deployments sharing a server keep separate templates.
 */
function templateDatabaseName(masterDatabaseUrl) {
    const master = decodeURIComponent(new URL(masterDatabaseUrl).pathname.slice(1)).toLowerCase().replace(/[^a-z0-9_]/g, '_');
    return `tenant_template_${master}`.slice(0, 63);
}
const DUPLICATE_DATABASE = '42P04';
const OBJECT_IN_USE = '55006';
/**
 * Creates tenant databases by cloning a migrated template (`CREATE DATABASE ... TEMPLATE`), which copies
 * files instead of replaying migrations; the template is created and migrated once per server and process.
 * A database found already there (a half-finished earlier attempt) is migrated in place instead.
 */
class PostgresTenantDatabaseProvisioner {
    servers;
    migrator;
    templateName;
    templates = new Map();
    constructor(servers, migrator, templateName) {
        this.servers = servers;
        this.migrator = migrator;
        this.templateName = templateName;
    }
    serverNames() {
        return this.servers.names();
    }
    async ensureDatabase(server, databaseName) {
        const templateVersion = await this.template(server);
        if (await this.createDatabase(server, databaseName, this.templateName))
            return templateVersion;
        const { latest } = await this.migrator.migrate(this.servers.databaseUrl(server, databaseName), 'tenant');
        return latest;
    }
    async dropDatabase(server, databaseName) {
        // FORCE ends sessions other replicas may still hold on the database (PostgreSQL 13+).
        await this.servers.adminPool(server).query(`DROP DATABASE IF EXISTS ${(0, database_servers_1.quoteIdentifier)(databaseName)} WITH (FORCE)`);
    }
    /** Creates and migrates the template on `server` once per process; the promise is shared by callers. */
    template(server) {
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
    async createDatabase(server, name, template) {
        const sql = `CREATE DATABASE ${(0, database_servers_1.quoteIdentifier)(name)}${template ? ` TEMPLATE ${(0, database_servers_1.quoteIdentifier)(template)}` : ''}`;
        // A template is busy while another replica migrates it; that lasts milliseconds, so retry briefly.
        for (let attempt = 0;; attempt += 1) {
            try {
                await this.servers.adminPool(server).query(sql);
                return true;
            }
            catch (error) {
                const code = error.code;
                if (code === DUPLICATE_DATABASE)
                    return false;
                if (code !== OBJECT_IN_USE || attempt >= 50)
                    throw error;
                await (0, promises_1.setTimeout)(50 + Math.random() * 50);
            }
        }
    }
}
exports.PostgresTenantDatabaseProvisioner = PostgresTenantDatabaseProvisioner;
//# sourceMappingURL=postgres-tenant-database-provisioner.js.map