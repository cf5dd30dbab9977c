import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { ServiceAccount } from '../../../../domain/service-account/service-account';
import { ServiceAccountRepository } from '../../../../domain/service-account/service-account-repository';
import { FieldViolations, invalidField } from '../../../../domain/shared/field-violations';
import { Page, parsePageSize } from '../../../../domain/shared/page';
import { isUuid } from '../../../../domain/shared/uuid-v7';
import { MessageHandler } from '../../../shared/message';
import { PageToken } from '../../../shared/page-token';
import { serviceAccountScope } from '../../service-account-scope';
import { ListServiceAccountsQuery } from './list-service-accounts.query';

@injectable()
export class ListServiceAccountsHandler implements MessageHandler<ListServiceAccountsQuery> {
  constructor(@inject(TOKENS.ServiceAccountRepository) private readonly accounts: ServiceAccountRepository) {}

  async execute(query: ListServiceAccountsQuery): Promise<Page<ServiceAccount>> {
    const scope = serviceAccountScope(query.actor, query.tenant);
    const violations = new FieldViolations();
    const pageSize = violations.capture('page_size', () => parsePageSize(query.pageSize));
    // The token is bound to the scope: replayed in another tenant it is refused.
    const tokenScope = JSON.stringify(['service-accounts', scope === 'platform' ? 'platform' : scope.id]);
    const afterId = violations.capture('page_token', () => {
      const cursor = PageToken.decode(query.pageToken, tokenScope);
      if (cursor !== undefined && !isUuid(cursor)) invalidField('is not a token returned by this listing');
      return cursor;
    });
    violations.throwIfAny();
    const rows = await this.accounts.list(scope, { afterId, limit: pageSize! + 1 });
    const items = rows.slice(0, pageSize);
    return { items, nextCursor: rows.length > pageSize! ? PageToken.encode(items[items.length - 1].id, tokenScope) : undefined };
  }
}
