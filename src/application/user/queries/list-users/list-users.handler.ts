import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { FieldViolations, invalidField } from '../../../../domain/shared/field-violations';
import { Page, parsePageSize } from '../../../../domain/shared/page';
import { refuseUnsafeCharacters } from '../../../../domain/shared/unsafe-characters';
import { isUuid } from '../../../../domain/shared/uuid-v7';
import { User } from '../../../../domain/user/user';
import { UserRepository } from '../../../../domain/user/user-repository';
import { MessageHandler } from '../../../shared/message';
import { PageToken } from '../../../shared/page-token';
import { ListUsersQuery } from './list-users.query';

const MAX_PREFIX = 254;

@injectable()
export class ListUsersHandler implements MessageHandler<ListUsersQuery> {
  constructor(@inject(TOKENS.UserRepository) private readonly users: UserRepository) {}

  async execute(query: ListUsersQuery): Promise<Page<User>> {
    const { tenant, filter } = query;
    const violations = new FieldViolations();
    const pageSize = violations.capture('page_size', () => parsePageSize(query.pageSize));
    const emailPrefix = filter.emailPrefix.trim().toLowerCase();
    if (emailPrefix.length > MAX_PREFIX) violations.add('email_prefix', `must be at most ${MAX_PREFIX} characters`);
    violations.capture('email_prefix', () => refuseUnsafeCharacters(filter.emailPrefix));
    // The token is bound to the tenant and every filter: replayed elsewhere it is refused.
    const scope = JSON.stringify(['users', tenant.id, filter.role ?? '', filter.status ?? '', emailPrefix]);
    const afterId = violations.capture('page_token', () => {
      const cursor = PageToken.decode(query.pageToken, scope);
      if (cursor !== undefined && !isUuid(cursor)) invalidField('is not a token returned by this listing');
      return cursor;
    });
    violations.throwIfAny();

    const rows = await this.users.list(tenant, { role: filter.role, status: filter.status, emailPrefix: emailPrefix || undefined, afterId, limit: pageSize! + 1 });
    const items = rows.slice(0, pageSize);
    return { items, nextCursor: rows.length > pageSize! ? PageToken.encode(items[items.length - 1].id, scope) : undefined };
  }
}
