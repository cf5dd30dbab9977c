import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { RefreshTokenStore, SessionSummary } from '../../../../domain/auth/refresh-token-store';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { ownSessionScope } from '../../session-owner';
import { ListMySessionsQuery } from './list-my-sessions.query';

@injectable()
export class ListMySessionsHandler implements MessageHandler<ListMySessionsQuery> {
  constructor(
    @inject(TOKENS.RefreshTokenStore) private readonly store: RefreshTokenStore,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  execute(query: ListMySessionsQuery): Promise<SessionSummary[]> {
    return this.store.listSessions(ownSessionScope(query.caller, query.tenant), query.caller.subject, this.clock.now());
  }
}
