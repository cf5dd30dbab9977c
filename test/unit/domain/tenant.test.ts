import { DomainError } from '../../../src/domain/shared/domain-error';
import { Tenant } from '../../../src/domain/tenant/tenant';
import { TenantSlug } from '../../../src/domain/tenant/tenant-slug';
import { TenantMother } from '../support/mothers';

describe('Tenant records its own events', () => {
  test('a new tenant is PROVISIONING, checks its name, and is announced only when first provisioned', () => {
    expect(() => Tenant.register({ id: 't', slug: TenantSlug.parse('acme'), displayName: ' ', databaseServer: 'default', selfSignUpEnabled: true, now: new Date() })).toThrow(DomainError);
    const tenant = Tenant.register({ id: 't', slug: TenantSlug.parse('acme'), displayName: 'Acme', databaseServer: 'default', selfSignUpEnabled: true, now: new Date() });
    expect(tenant.status).toBe('PROVISIONING');
    expect(tenant.pullDomainEvents()).toEqual([]);
    tenant.markProvisioned('v1');
    tenant.markProvisioned('v1');
    expect(tenant.pullDomainEvents()).toEqual([{ type: 'TenantCreated', targetId: 't', slug: 'acme', displayName: 'Acme' }]);
  });

  test('a rename and a sign-up switch are one TenantUpdated naming both fields', () => {
    const tenant = TenantMother.create({ displayName: 'Old', selfSignUpEnabled: true });
    tenant.rename('New');
    tenant.setSelfSignUp(false);
    tenant.setSelfSignUp(false);
    expect(tenant.pullDomainEvents()).toEqual([{ type: 'TenantUpdated', targetId: tenant.id, changedFields: ['display_name', 'self_sign_up_enabled'] }]);
  });

  test('suspension and resumption only between ACTIVE and SUSPENDED, each recorded', () => {
    const tenant = TenantMother.create();
    tenant.changeStatus('SUSPENDED');
    tenant.changeStatus('SUSPENDED');
    tenant.changeStatus('ACTIVE');
    expect(tenant.pullDomainEvents().map((e) => e.type)).toEqual(['TenantSuspended', 'TenantReactivated']);
    expect(() => TenantMother.provisioning().changeStatus('ACTIVE')).toThrow(expect.objectContaining({ reason: 'TENANT_NOT_READY' }));
    expect(() => tenant.changeStatus('DELETING')).toThrow(expect.objectContaining({ kind: 'INVALID_ARGUMENT' }));
  });

  test('deletion: DELETING is recorded for the caches, the removal is announced only for an announced tenant', () => {
    const announced = TenantMother.create();
    announced.beginDeletion();
    announced.remove();
    expect(announced.pullDomainEvents().map((e) => e.type)).toEqual(['TenantDeletionStarted', 'TenantDeleted']);
    const neverAnnounced = TenantMother.provisioning();
    neverAnnounced.beginDeletion();
    neverAnnounced.remove();
    expect(neverAnnounced.pullDomainEvents().map((e) => e.type)).toEqual(['TenantDeletionStarted', 'TenantDiscarded']);
  });

  test('a migrated schema version is recorded even when the registry already had it (a cached entry is older)', () => {
    const tenant = TenantMother.create({ schemaVersion: 'v2' });
    tenant.recordSchemaVersion('v2');
    expect(tenant.pullDomainEvents()).toEqual([{ type: 'TenantSchemaMigrated', targetId: tenant.id, schemaVersion: 'v2' }]);
  });
});
