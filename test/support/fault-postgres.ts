import { adminQuery } from './test-database';

/** The database of a tenant, as the service names it (`tenant_` + slug with '-' as '_'). */
export const tenantDatabase = (slug: string): string => `tenant_${slug.replace(/-/g, '_')}`;

/**
 * Makes one database refuse every connection, existing ones included: new connections fail at once
 * (SQLSTATE 55000, "database is not currently accepting connections") and open sessions are ended.
 */
export async function cutDatabase(name: string): Promise<void> {
  await adminQuery(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
  await adminQuery('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
}

export async function restoreDatabase(name: string): Promise<void> {
  await adminQuery(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
}

/** Renames a database away (its sessions ended first), as if it had been dropped; `back` undoes it. */
export async function hideDatabase(name: string): Promise<{ back: () => Promise<void> }> {
  const hidden = `${name}_hidden`.slice(0, 63);
  await adminQuery('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
  await adminQuery(`ALTER DATABASE "${name}" RENAME TO "${hidden}"`);
  return { back: () => adminQuery(`ALTER DATABASE "${hidden}" RENAME TO "${name}"`).then(() => undefined) };
}

/** Sessions of `database` waiting for a lock (the sign that calls are stuck behind a lock a test holds). */
export async function sessionsWaitingForLock(database: string): Promise<number> {
  const { rows } = await adminQuery<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'", [database]);
  return Number(rows[0].n);
}

