import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PlatformAdminRepository, SuperAdminSummary } from '../../../../domain/platform-admin/platform-admin';
import { FieldViolations, invalidField } from '../../../../domain/shared/field-violations';
import { Page, parsePageSize } from '../../../../domain/shared/page';
import { isUuid } from '../../../../domain/shared/uuid-v7';
import { MessageHandler } from '../../../shared/message';
import { PageToken } from '../../../shared/page-token';
import { ListSuperAdminsQuery } from './list-super-admins.query';

const TOKEN_SCOPE = JSON.stringify(['super-admins', 'platform']);

@injectable()
export class ListSuperAdminsHandler implements MessageHandler<ListSuperAdminsQuery> {
  constructor(@inject(TOKENS.PlatformAdminRepository) private readonly admins: PlatformAdminRepository) {}

  async execute(query: ListSuperAdminsQuery): Promise<Page<SuperAdminSummary>> {
    const violations = new FieldViolations();
    const pageSize = violations.capture('page_size', () => parsePageSize(query.pageSize));
    const afterId = violations.capture('page_token', () => {
      const cursor = PageToken.decode(query.pageToken, TOKEN_SCOPE);
      if (cursor !== undefined && !isUuid(cursor)) invalidField('is not a token returned by this listing');
      return cursor;
    });
    violations.throwIfAny();
    const rows = await this.admins.list({ afterId, limit: pageSize! + 1 });
    const items = rows.slice(0, pageSize);
    return { items, nextCursor: rows.length > pageSize! ? PageToken.encode(items[items.length - 1].id, TOKEN_SCOPE) : undefined };
  }
}
