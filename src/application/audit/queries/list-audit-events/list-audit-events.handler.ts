import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { DomainError } from '../../../../domain/shared/domain-error';
import { FieldViolations, invalidField } from '../../../../domain/shared/field-violations';
import { Page, parsePageSize } from '../../../../domain/shared/page';
import { checkTimestamp } from '../../../../domain/shared/timestamp';
import { refuseUnsafeCharacters } from '../../../../domain/shared/unsafe-characters';
import { isUuid } from '../../../../domain/shared/uuid-v7';
import { MessageHandler } from '../../../shared/message';
import { PageToken } from '../../../shared/page-token';
import { AuditEntry, AuditLog } from '../../audit-log';
import { ListAuditEventsQuery } from './list-audit-events.query';

const ACTION = /^[A-Z][A-Za-z]{1,63}$/;

@injectable()
export class ListAuditEventsHandler implements MessageHandler<ListAuditEventsQuery> {
  constructor(@inject(TOKENS.AuditLog) private readonly audit: AuditLog) {}

  async execute(query: ListAuditEventsQuery): Promise<Page<AuditEntry>> {
    const { caller, tenant, filter } = query;
    // A super-admin reads the platform's trail (no tenant); tenant admins read their own tenant's.
    if (caller.role === 'SUPER_ADMIN' && tenant) {
      throw DomainError.permissionDenied('PLATFORM_ONLY', 'a super-admin reads platform events: call without x-tenant-id');
    }
    if (caller.role !== 'SUPER_ADMIN' && !tenant) {
      throw DomainError.invalid([{ field: 'x-tenant-id', description: 'metadata is required: send "x-tenant-id: <tenant slug>"' }]);
    }
    const violations = new FieldViolations();
    const pageSize = violations.capture('page_size', () => parsePageSize(query.pageSize));
    if (filter.actorId !== '' && filter.actorId.length > 64) violations.add('actor_id', 'must be at most 64 characters');
    violations.capture('actor_id', () => refuseUnsafeCharacters(filter.actorId));
    if (filter.action !== '' && !ACTION.test(filter.action)) violations.add('action', 'must be an event type such as UserRoleChanged');
    // Checked before anything formats or queries them.
    const from = filter.from && violations.capture('start_time', () => checkTimestamp(filter.from!));
    const to = filter.to && violations.capture('end_time', () => checkTimestamp(filter.to!));
    if (from && to && from >= to) violations.add('end_time', 'must be after start_time');
    violations.throwIfAny();
    const scope = JSON.stringify(['audit', tenant?.id ?? 'platform', filter.actorId, filter.action, filter.from?.toISOString() ?? '', filter.to?.toISOString() ?? '']);
    const beforeId = violations.capture('page_token', () => {
      const cursor = PageToken.decode(query.pageToken, scope);
      if (cursor !== undefined && !isUuid(cursor)) invalidField('is not a token returned by this listing');
      return cursor;
    });
    violations.throwIfAny();

    const rows = await this.audit.list(tenant ?? 'platform', {
      actorId: filter.actorId || undefined,
      action: filter.action || undefined,
      from: filter.from,
      to: filter.to,
      beforeId,
      limit: pageSize! + 1,
    });
    const items = rows.slice(0, pageSize);
    return { items, nextCursor: rows.length > pageSize! ? PageToken.encode(items[items.length - 1].id, scope) : undefined };
  }
}
