import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { RefreshTokenStore } from '../../../../domain/auth/refresh-token-store';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { TenantDirectory } from '../../../tenant/tenant-directory';
import { TenantSchemaGate } from '../../../tenant/tenant-schema-gate';
import { hashRefreshToken } from '../../refresh-token-codec';
import { invalidRefreshToken, scopeOfRefreshToken } from '../../refresh-token-scope';
import { LogoutCommand } from './logout.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class LogoutHandler implements MessageHandler<LogoutCommand> {
  constructor(
    @inject(TOKENS.RefreshTokenStore) private readonly store: RefreshTokenStore,
    @inject(TOKENS.TenantDirectory) private readonly directory: TenantDirectory,
    @inject(TenantSchemaGate) private readonly schemaGate: TenantSchemaGate,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  /** Idempotent for a known token (an already ended session stays ended); unknown tokens are refused. */
  async execute(command: LogoutCommand, origin: RequestOrigin): Promise<void> {
    const scope = await scopeOfRefreshToken(command.refreshToken, command.headerTenant, this.directory, this.schemaGate);
    if (!(await this.store.revokeFamilyOf(scope, hashRefreshToken(command.refreshToken), this.clock.now(), origin))) throw invalidRefreshToken();
  }
}
