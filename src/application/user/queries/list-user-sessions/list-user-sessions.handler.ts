import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { RefreshTokenStore, SessionSummary } from '../../../../domain/auth/refresh-token-store';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { sessionTarget } from '../../session-target';
import { UserReader } from '../../user-reader';
import { ListUserSessionsQuery } from './list-user-sessions.query';

@injectable()
export class ListUserSessionsHandler implements MessageHandler<ListUserSessionsQuery> {
  constructor(
    @inject(TOKENS.UserReader) private readonly users: UserReader,
    @inject(TOKENS.RefreshTokenStore) private readonly store: RefreshTokenStore,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(query: ListUserSessionsQuery): Promise<SessionSummary[]> {
    const target = await sessionTarget(this.users, query.caller, query.tenant, query.userId);
    return this.store.listSessions(query.tenant, target.id, this.clock.now());
  }
}
