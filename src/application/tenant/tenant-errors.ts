import { DomainError } from '../../domain/shared/domain-error';

export function tenantNotFound(slug: string): DomainError {
  return DomainError.notFound('TENANT_NOT_FOUND', `tenant '${slug}' does not exist`);
}
