import { DomainError } from '../../domain/shared/domain-error';
import { FieldViolations } from '../../domain/shared/field-violations';
import { TenantSlug } from '../../domain/tenant/tenant-slug';

export function tenantNotFound(slug: string): DomainError {
  return DomainError.notFound('TENANT_NOT_FOUND', `tenant '${slug}' does not exist`);
}

/** A slug naming an existing tenant must at least be a valid slug: INVALID_ARGUMENT for `field` otherwise. */
export function parseSlugField(raw: string, field: string): string {
  const violations = new FieldViolations();
  const slug = violations.capture(field, () => TenantSlug.parse(raw));
  violations.throwIfAny();
  return slug!.value;
}
