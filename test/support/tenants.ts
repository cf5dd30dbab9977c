import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { headers } from './grpc-clients';
import { adminQuery, uniqueName } from './test-database';
import { TestApp } from './test-app';

/** A fresh tenant with a unique slug, created through the API by the super-admin. */
export async function createTenant(t: TestApp, fields: Partial<Tenant> = {}): Promise<string> {
  const slug = uniqueName(fields.slug ?? 'tn').replace(/_/g, '-').slice(0, 40);
  await t.clients.tenants.createTenant({ tenant: Tenant.fromPartial({ displayName: slug, ...fields, slug }) }, headers({ token: await t.superAdminToken() }));
  return slug;
}

let counter = 0;
/** A unique, valid sign-up for a test user. */
export function newUser(name = 'user'): { email: string; password: string; name: string } {
  counter += 1;
  return { email: `${name}${counter}.${Date.now().toString(36)}@example.test`, password: `Sturdy passphrase ${counter}!`, name: `${name} ${counter}` };
}

/**
 * Puts a tenant's database back to before any migration (empty, still marked as the tenant's own), as if
 * the code had moved on since or provisioning had died after creating it.
 */
export async function emptyTenantDatabase(t: TestApp, slug: string): Promise<void> {
  const db = `tenant_${slug.replace(/-/g, '_')}`;
  const { rows } = await adminQuery<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [slug], t.masterDatabase);
  await adminQuery(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${db}"`);
  await adminQuery(`COMMENT ON DATABASE "${db}" IS 'userservice tenant ${rows[0].id}'`);
  await adminQuery('UPDATE tenants SET schema_version = NULL WHERE slug = $1', [slug], t.masterDatabase);
}
