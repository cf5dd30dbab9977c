import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BootstrapSuperAdmin } from '../application/platform-admin/bootstrap-super-admin';
import { ConfigError, loadConfig, superAdminPasswordProblem } from '../config/config';
import { databaseUrlError } from '../config/startup-error';
import { ensureDatabaseExists } from '../infrastructure/prisma/ensure-database';
import { appliedMigration, CliContext, openCliContext } from './cli-context';
import { allTenants, migrateTenants } from './tenant-migrations';

const USAGE = `usage: npm run cli -- <command> [options]
       npm run cli -- help             this text (also --help, -h; needs no database)

commands:
  migrate                         migrate the master database (what the service does at start)
  create-super-admin --email E    create a platform super-admin; the password is read from
                                  the CLI_PASSWORD environment variable or standard input
  list-tenants [--json]           list every tenant
  migrate-tenants [--concurrency N]
                                  migrate every tenant database to the latest migration
                                  (resumable, safe while the service runs; default N = 4)
  migration-status [--json]       each tenant's recorded and applied migration
  verify                          check that every tenant database exists and is current;
                                  exits 1 otherwise

configuration comes from the same environment variables as the service (DATABASE_URL, ...).`;

/** Prints rows as an aligned text table. */
function table(rows: Array<Record<string, string>>): string {
  if (rows.length === 0) return '(none)';
  const columns = Object.keys(rows[0]);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => r[c] ?? '')))].join('\n');
}

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

const HELP = new Set(['help', '--help', '-h']);

async function run(command: string | undefined, args: string[]): Promise<number> {
  // Help needs no configuration and no database.
  if (command !== undefined && HELP.has(command)) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, json: { type: 'boolean' }, concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
  });
  if (!command || values.help) {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const ctx = await openCliContext(config);
  try {
    return await dispatch(ctx, command, values);
  } finally {
    await ctx.close();
  }
}

async function dispatch(ctx: CliContext, command: string, values: { email?: string; json?: boolean; concurrency?: string }): Promise<number> {
  const out = (text: string) => process.stdout.write(`${text}\n`);
  switch (command) {
    case 'migrate': {
      await ensureDatabaseExists(ctx.databaseUrl);
      const { applied, latest } = await ctx.migrator.migrate(ctx.databaseUrl, 'master');
      out(applied.length ? `applied ${applied.join(', ')}; master at ${latest}` : `master already at ${latest}`);
      return 0;
    }
    case 'create-super-admin': {
      if (!values.email) throw new UsageError('--email is required');
      const password = process.env.CLI_PASSWORD ?? readFileSync(0, 'utf8').trim();
      const problem = superAdminPasswordProblem(password);
      if (problem) throw new UsageError(`the password ${problem}`);
      await ctx.container.get(BootstrapSuperAdmin).run(values.email, password);
      out(`super-admin ${values.email} exists`);
      return 0;
    }
    case 'list-tenants': {
      const tenants = await allTenants(ctx);
      const rows = tenants.map((t) => ({ slug: t.slug, status: t.status, server: t.databaseServer, database: t.databaseName, schema: t.schemaVersion ?? 'none', created: t.createdAt.toISOString() }));
      out(values.json ? JSON.stringify(rows, null, 2) : table(rows));
      return 0;
    }
    case 'migrate-tenants': {
      const concurrency = Number(values.concurrency ?? 4);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError('--concurrency must be 1..64');
      const interactive = process.stderr.isTTY;
      const outcomes = await migrateTenants(ctx, concurrency, (done, total, outcome) => {
        if (interactive) process.stderr.write(`\r${progressBar(done, total)} ${outcome.slug.padEnd(40)}`);
        else process.stderr.write(`${progressBar(done, total)} ${outcome.slug}: ${outcome.result}\n`);
      });
      if (interactive) process.stderr.write('\n');
      out(table(outcomes.map((o) => ({ tenant: o.slug, from: o.from, to: o.to, result: o.result, error: o.error ?? '' }))));
      const failed = outcomes.filter((o) => o.result === 'failed').length;
      out(`${outcomes.length} tenants: ${outcomes.filter((o) => o.result === 'migrated').length} migrated, ${outcomes.filter((o) => o.result === 'up to date').length} up to date, ${failed} failed`);
      return failed ? 1 : 0;
    }
    case 'migration-status':
    case 'verify': {
      const latest = ctx.migrator.latestMigration('tenant');
      const rows: Array<Record<string, string>> = [];
      for (const tenant of await allTenants(ctx)) {
        let applied: string;
        try {
          applied = (await appliedMigration(ctx.servers.databaseUrl(tenant.databaseServer, tenant.databaseName))) ?? 'none';
        } catch (error) {
          applied = (error as { code?: string }).code === '3D000' ? 'database missing' : `unreachable (${(error as Error).message})`;
        }
        rows.push({ tenant: tenant.slug, status: tenant.status, recorded: tenant.schemaVersion ?? 'none', applied, state: applied === latest ? 'current' : 'BEHIND' });
      }
      if (values.json) out(JSON.stringify({ latest, tenants: rows }, null, 2));
      else out(`latest tenant migration: ${latest}\n${table(rows)}`);
      const behind = rows.filter((r) => r.state !== 'current').length;
      if (command === 'verify') out(behind ? `${behind} of ${rows.length} tenant databases are missing or behind` : `all ${rows.length} tenant databases exist and are current`);
      return command === 'verify' && behind ? 1 : 0;
    }
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

class UsageError extends Error {}

run(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    else {
      // An unreachable DATABASE_URL is named with the fix, as the service does at start (no credentials).
      const unreachable = process.env.DATABASE_URL ? databaseUrlError(error, process.env.DATABASE_URL) : undefined;
      process.stderr.write(`error: ${unreachable ? unreachable.message : error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
