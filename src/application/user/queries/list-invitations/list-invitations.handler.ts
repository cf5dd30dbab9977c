import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { FieldViolations, invalidField } from '../../../../domain/shared/field-violations';
import { Page, parsePageSize } from '../../../../domain/shared/page';
import { isUuid } from '../../../../domain/shared/uuid-v7';
import { Invitation } from '../../../../domain/user/invitation';
import { MessageHandler } from '../../../shared/message';
import { PageToken } from '../../../shared/page-token';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { ListInvitationsQuery } from './list-invitations.query';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

/** Reads through a (read-only) unit of work: invitations have no reader port of their own. */
@injectable()
export class ListInvitationsHandler implements MessageHandler<ListInvitationsQuery> {
  constructor(@inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork) {}

  async execute(query: ListInvitationsQuery, origin: RequestOrigin): Promise<Page<Invitation>> {
    const violations = new FieldViolations();
    const pageSize = violations.capture('page_size', () => parsePageSize(query.pageSize));
    const scope = JSON.stringify(['invitations', query.tenant.id]);
    const beforeId = violations.capture('page_token', () => {
      const cursor = PageToken.decode(query.pageToken, scope);
      if (cursor !== undefined && !isUuid(cursor)) invalidField('is not a token returned by this listing');
      return cursor;
    });
    violations.throwIfAny();
    const rows = await this.units.run(query.tenant, origin, ({ invitations }) => invitations.list({ beforeId, limit: pageSize! + 1 }));
    const items = rows.slice(0, pageSize);
    return { items, nextCursor: rows.length > pageSize! ? PageToken.encode(items[items.length - 1].id, scope) : undefined };
  }
}
