import { inject, injectable } from 'inversify';
import { ListAuditEventsQuery } from '../../../application/audit/queries/list-audit-events/list-audit-events.query';
import { MessageBus } from '../../../application/shared/message-bus';
import { TOKENS } from '../../../di/tokens';
import { AuditServiceServer } from '../../../gen/proto/userservice/v1/audit_service';
import { EventEnvelope } from '../../../gen/proto/userservice/v1/events';
import { authenticated } from '../typed-methods';

/** AuditService: the audit trail of a tenant, or of the platform. */
@injectable()
export class AuditGrpcService {
  constructor(@inject(TOKENS.QueryBus) private readonly queries: MessageBus) {}

  implementation(): AuditServiceServer {
    return {
      listAuditEvents: authenticated(async (request, context) => {
        const { principal, tenant } = context;
        const page = await this.queries.execute(
          new ListAuditEventsQuery(principal, tenant, request.pageSize, request.pageToken, {
            actorId: request.actorId,
            action: request.action,
            from: request.startTime,
            to: request.endTime,
          }),
          context,
        );
        return { events: page.items.map((e) => EventEnvelope.decode(e.envelope)), nextPageToken: page.nextCursor ?? '' };
      }),
    };
  }
}
