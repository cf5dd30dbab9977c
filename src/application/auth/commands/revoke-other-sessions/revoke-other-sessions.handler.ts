import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { RefreshTokenStore } from '../../../../domain/auth/refresh-token-store';
import { DomainError } from '../../../../domain/shared/domain-error';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { ownSessionScope } from '../../session-owner';
import { RevokeOtherSessionsCommand } from './revoke-other-sessions.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class RevokeOtherSessionsHandler implements MessageHandler<RevokeOtherSessionsCommand> {
  constructor(
    @inject(TOKENS.RefreshTokenStore) private readonly store: RefreshTokenStore,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  execute(command: RevokeOtherSessionsCommand, origin: RequestOrigin): Promise<number> {
    const scope = ownSessionScope(command.caller, command.tenant);
    const current = command.caller.sessionId;
    // Every access token this service issues names its session; one without would end all of them.
    if (!current) throw DomainError.unauthenticated('TOKEN_INVALID', 'this access token names no session (no sid claim); sign in again');
    return this.store.revokeUserSessions(scope, command.caller.subject, this.clock.now(), 'REVOKED_BY_USER', origin, current);
  }
}
