import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { headers } from './grpc-clients';
import { uniqueName } from './test-database';
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
