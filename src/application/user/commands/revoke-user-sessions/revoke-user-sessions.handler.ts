import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { RefreshTokenStore } from '../../../../domain/auth/refresh-token-store';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { sessionTarget } from '../../session-target';
import { UserReader } from '../../user-reader';
import { RevokeUserSessionsCommand } from './revoke-user-sessions.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class RevokeUserSessionsHandler implements MessageHandler<RevokeUserSessionsCommand> {
  constructor(
    @inject(TOKENS.UserReader) private readonly users: UserReader,
    @inject(TOKENS.RefreshTokenStore) private readonly store: RefreshTokenStore,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  /** Ends all of them, the caller's own current session included when the target is the caller. */
  async execute(command: RevokeUserSessionsCommand, origin: RequestOrigin): Promise<number> {
    const target = await sessionTarget(this.users, command.caller, command.tenant, command.userId);
    return this.store.revokeUserSessions(command.tenant, target.id, this.clock.now(), 'REVOKED_BY_ADMIN', origin);
  }
}
