import { TenantDirectory } from '../../../application/tenant/tenant-directory';
import { TenantSchemaGate } from '../../../application/tenant/tenant-schema-gate';
import { DomainError } from '../../../domain/shared/domain-error';
import { Tenant } from '../../../domain/tenant/tenant';
import { TenantSlug } from '../../../domain/tenant/tenant-slug';
import { CallCheck } from './call-check';

export const TENANT_HEADER = 'x-tenant-id';

/**
 * Resolves `x-tenant-id` against the tenant registry (through its cache) for tenant-scoped methods. A
 * token is good only in its own tenant: a caller naming another tenant is refused with PERMISSION_DENIED
 * whether or not that tenant exists. Unknown tenants are NOT_FOUND; only ACTIVE tenants whose database
 * schema is current (or has just been brought up to date) serve calls. A tenant held in memory is decided
 * without waiting (no promise); only a cache miss or a schema migration waits.
 */
export function tenantCheck(directory: TenantDirectory, schemaGate: TenantSchemaGate): CallCheck {
  return (context, metadata) => {
    const scope = context.policy.tenantScope;
    if (scope === 'NONE') return;
    const values = metadata.get(TENANT_HEADER);
    if (values.length === 0) {
      if (scope === 'OPTIONAL') return;
      throw DomainError.invalid([{ field: TENANT_HEADER, description: 'metadata is required: send "x-tenant-id: <tenant slug>"' }]);
    }
    if (values.length > 1 || typeof values[0] !== 'string') {
      throw DomainError.invalid([{ field: TENANT_HEADER, description: 'must be sent exactly once' }]);
    }
    const slug = values[0];
    try {
      TenantSlug.parse(slug);
    } catch {
      throw DomainError.invalid([{ field: TENANT_HEADER, description: 'is not a valid tenant slug' }]);
    }
    const known = directory.findInMemory(slug);
    // No closure on the path from memory (every cached call): the decision is a plain function.
    if (known !== undefined) return decide(context, slug, known, schemaGate);
    return directory.findBySlug(slug).then((tenant) => decide(context, slug, tenant, schemaGate));
  };
}

function decide(context: Parameters<CallCheck>[0], slug: string, tenant: Tenant | null | undefined, schemaGate: TenantSchemaGate): void | Promise<void> {
  const principal = context.principal;
  if (principal && (!tenant || tenant.id !== principal.tenantId)) {
    throw DomainError.of('TENANT_MISMATCH', `the access token is not valid for tenant '${slug}'`);
  }
  if (!tenant) throw DomainError.of('TENANT_NOT_FOUND', `tenant '${slug}' does not exist`);
  tenant.assertServing();
  context.tenant = tenant;
  return schemaGate.ensureCurrent(tenant);
}
