import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { RefreshTokenStore } from '../../../../domain/auth/refresh-token-store';
import { uuidV7 } from '../../../../domain/shared/uuid-v7';
import { UserRepository } from '../../../../domain/user/user-repository';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { TenantDirectory } from '../../../tenant/tenant-directory';
import { hashRefreshToken, newRefreshToken } from '../../refresh-token-codec';
import { SessionIssuer, SessionTokens } from '../../session-issuer';
import { invalidRefreshToken, tenantOfRefreshToken } from '../../token-tenant';
import { RefreshTokenCommand } from './refresh-token.command';

@injectable()
export class RefreshTokenHandler implements MessageHandler<RefreshTokenCommand> {
  constructor(
    @inject(TOKENS.RefreshTokenStore) private readonly store: RefreshTokenStore,
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.TenantDirectory) private readonly directory: TenantDirectory,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(SessionIssuer) private readonly sessions: SessionIssuer,
  ) {}

  async execute(command: RefreshTokenCommand): Promise<SessionTokens> {
    const tenant = await tenantOfRefreshToken(command.refreshToken, command.headerTenant, this.directory);
    const now = this.clock.now();
    const successor = newRefreshToken(tenant.slug);
    const expiresAt = this.sessions.refreshExpiry();
    const result = await this.store.rotate(tenant, hashRefreshToken(command.refreshToken), { id: uuidV7(), tokenHash: successor.hash, expiresAt }, now);
    if (result.kind !== 'rotated') throw invalidRefreshToken();

    // A user disabled or deleted since sign-in loses the session here.
    const user = await this.users.findById(tenant, result.userId);
    if (!user || !user.isActive) {
      await this.store.revokeFamily(tenant, result.familyId, now, 'USER_DISABLED');
      throw invalidRefreshToken();
    }
    return {
      accessToken: this.sessions.accessTokenFor(tenant, user, result.familyId),
      refreshToken: successor.value,
      refreshTokenExpiresAt: expiresAt,
    };
  }
}
