// The tenant write commands on the in-memory unit of work.
import 'reflect-metadata';
import { UpdateTenantCommand } from '../../../../src/application/tenant/commands/update-tenant/update-tenant.command';
import { UpdateTenantHandler } from '../../../../src/application/tenant/commands/update-tenant/update-tenant.handler';
import { InMemoryUnitOfWork } from '../../support/in-memory-unit-of-work';
import { TenantMother } from '../../support/mothers';
import { OriginMother } from '../../support/mothers';

/** Who asked, as the gRPC layer hands it to every handler. */
const ORIGIN = OriginMother.caller();

function world() {
  const units = new InMemoryUnitOfWork();
  const tenant = TenantMother.create({ displayName: 'Acme' });
  units.givenTenant(tenant);
  return { units, tenant, handler: new UpdateTenantHandler(units) };
}

test('a rename and a suspension in one call: one TenantUpdated, one TenantSuspended, the registry entry forgotten once', async () => {
  const { units, tenant, handler } = world();
  const stored = await handler.execute(new UpdateTenantCommand(tenant.slug, { displayName: 'Acme Corp', status: 'SUSPENDED' }), ORIGIN);
  expect(stored.displayName).toBe('Acme Corp');
  expect(stored.status).toBe('SUSPENDED');
  expect(units.committed.map((c) => c.event)).toEqual([
    { type: 'TenantUpdated', targetId: tenant.id, changedFields: ['display_name'] },
    { type: 'TenantSuspended', targetId: tenant.id },
  ]);
  expect(units.forgottenSlugs).toEqual([tenant.slug]);
  expect(units.wakeUps).toEqual(['platform']);
});

test('an invalid name is refused before anything is read; an unknown slug is NOT_FOUND', async () => {
  const { units, handler } = world();
  await expect(handler.execute(new UpdateTenantCommand('acme-x', { displayName: '  ' }), ORIGIN)).rejects.toMatchObject({ kind: 'INVALID_ARGUMENT' });
  await expect(handler.execute(new UpdateTenantCommand('nobody-here', { displayName: 'x' }), ORIGIN)).rejects.toMatchObject({ reason: 'TENANT_NOT_FOUND' });
  expect(units.committed).toEqual([]);
});

test('a tenant still provisioning cannot be suspended, and nothing is written', async () => {
  const units = new InMemoryUnitOfWork();
  const tenant = TenantMother.provisioning();
  units.givenTenant(tenant);
  await expect(new UpdateTenantHandler(units).execute(new UpdateTenantCommand(tenant.slug, { status: 'SUSPENDED', displayName: 'New' }), ORIGIN)).rejects.toMatchObject({ reason: 'TENANT_NOT_READY' });
  expect(units.database('platform').tenants.get(tenant.slug)?.displayName).toBe(tenant.displayName);
  expect(units.committed).toEqual([]);
});
