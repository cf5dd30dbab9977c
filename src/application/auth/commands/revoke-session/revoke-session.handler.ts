import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { RefreshTokenStore } from '../../../../domain/auth/refresh-token-store';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { ownSessionScope, parseSessionId, sessionNotFound } from '../../session-owner';
import { RevokeSessionCommand } from './revoke-session.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class RevokeSessionHandler implements MessageHandler<RevokeSessionCommand> {
  constructor(
    @inject(TOKENS.RefreshTokenStore) private readonly store: RefreshTokenStore,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  /** Idempotent for a session of the caller's (an ended one stays ended); another's is NOT_FOUND, like an unknown id. */
  async execute(command: RevokeSessionCommand, origin: RequestOrigin): Promise<void> {
    const scope = ownSessionScope(command.caller, command.tenant);
    const id = parseSessionId(command.sessionId, 'session_id');
    if (!(await this.store.revokeSessionOf(scope, command.caller.subject, id, this.clock.now(), 'REVOKED_BY_USER', origin))) throw sessionNotFound(id);
  }
}
