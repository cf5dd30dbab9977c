import { Tenant } from '../domain/tenant/tenant';
import { CliContext, appliedMigration } from './cli-context';
import { NO_ORIGIN } from '../domain/shared/request-origin';

export interface TenantMigrationOutcome {
  slug: string;
  from: string;
  to: string;
  result: 'migrated' | 'up to date' | 'failed';
  error?: string;
}

/** Every tenant (all statuses but DELETING), in creation order. */
export async function allTenants(ctx: CliContext): Promise<Tenant[]> {
  const all: Tenant[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = await ctx.tenants.list({ afterId, limit: 500 });
    all.push(...page.filter((t) => t.status !== 'DELETING'));
    if (page.length < 500) return all;
    afterId = page[page.length - 1].id;
  }
}

/**
 * Migrates every tenant database to the latest migration, `concurrency` at a time. Safe while the
 * service runs (migrations are transactional and serialised per database by Prisma's advisory lock) and
 * resumable: a tenant already at the latest migration is skipped, so an interrupted run simply re-runs.
 */
export async function migrateTenants(
  ctx: CliContext,
  concurrency: number,
  onProgress: (done: number, total: number, outcome: TenantMigrationOutcome) => void,
): Promise<TenantMigrationOutcome[]> {
  const latest = ctx.migrator.latestMigration('tenant');
  const queue = await allTenants(ctx);
  const outcomes: TenantMigrationOutcome[] = [];
  const worker = async () => {
    for (let tenant = queue.shift(); tenant; tenant = queue.shift()) {
      const outcome = await migrateOne(ctx, tenant, latest);
      outcomes.push(outcome);
      onProgress(outcomes.length, outcomes.length + queue.length, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return outcomes.sort((a, b) => a.slug.localeCompare(b.slug));
}

async function migrateOne(ctx: CliContext, tenant: Tenant, latest: string): Promise<TenantMigrationOutcome> {
  const from = tenant.schemaVersion ?? 'none';
  try {
    const url = ctx.servers.databaseUrl(tenant.databaseServer, tenant.databaseName);
    if (tenant.schemaVersion === latest && (await appliedMigration(url)) === latest) return { slug: tenant.slug, from, to: latest, result: 'up to date' };
    const version = await ctx.provisioner.ensureDatabase(tenant.databaseServer, tenant.databaseName, tenant.id);
    await ctx.units.run('platform', NO_ORIGIN, async ({ tenants }) => {
      const current = await tenants.findBySlug(tenant.slug);
      if (!current || current.id !== tenant.id) return;
      current.recordSchemaVersion(version);
      await tenants.save(current);
    });
    return { slug: tenant.slug, from, to: version, result: 'migrated' };
  } catch (error) {
    return { slug: tenant.slug, from, to: from, result: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}
