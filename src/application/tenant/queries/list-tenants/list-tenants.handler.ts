import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { DomainError } from '../../../../domain/shared/domain-error';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { Page, parsePageSize } from '../../../../domain/shared/page';
import { isUuid } from '../../../../domain/shared/uuid-v7';
import { Tenant } from '../../../../domain/tenant/tenant';
import { TenantRepository } from '../../../../domain/tenant/tenant-repository';
import { MessageHandler } from '../../../shared/message';
import { PageToken } from '../../../shared/page-token';
import { ListTenantsQuery } from './list-tenants.query';

@injectable()
export class ListTenantsHandler implements MessageHandler<ListTenantsQuery> {
  constructor(@inject(TOKENS.TenantRepository) private readonly tenants: TenantRepository) {}

  async execute(query: ListTenantsQuery): Promise<Page<Tenant>> {
    const violations = new FieldViolations();
    const pageSize = violations.capture('page_size', () => parsePageSize(query.pageSize));
    const scope = `tenants|${query.status ?? '*'}`;
    const afterId = violations.capture('page_token', () => PageToken.decode(query.pageToken, scope));
    violations.throwIfAny();
    if (afterId !== undefined && !isUuid(afterId)) {
      throw DomainError.invalid([{ field: 'page_token', description: 'is not a token returned by this listing' }]);
    }

    // One extra row tells whether another page follows, so the last page has no next token.
    const rows = await this.tenants.list({ status: query.status, afterId, limit: pageSize! + 1 });
    const items = rows.slice(0, pageSize);
    const nextCursor = rows.length > pageSize! ? PageToken.encode(items[items.length - 1].id, scope) : undefined;
    return { items, nextCursor };
  }
}
