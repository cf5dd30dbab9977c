import { inject, injectable } from 'inversify';
import { AppConfig } from '../../config/config';
import { TOKENS } from '../../di/tokens';
import { AccessTokenIssuer, IssuedAccessToken } from '../../domain/auth/access-token-issuer';
import { RefreshTokenStore } from '../../domain/auth/refresh-token-store';
import { uuidV7 } from '../../domain/shared/uuid-v7';
import { Tenant } from '../../domain/tenant/tenant';
import { User } from '../../domain/user/user';
import { Clock } from '../shared/clock';
import { newRefreshToken } from './refresh-token-codec';

export interface SessionTokens {
  accessToken: IssuedAccessToken;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** Issues the token pair of a tenant user's session: a new one at sign-in, the next one at refresh. */
@injectable()
export class SessionIssuer {
  constructor(
    @inject(TOKENS.RefreshTokenStore) private readonly store: RefreshTokenStore,
    @inject(TOKENS.AccessTokenIssuer) private readonly accessTokens: AccessTokenIssuer,
    @inject(TOKENS.Config) private readonly config: AppConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  /** Starts a new session (refresh token family) for the user. */
  async start(tenant: Tenant, user: User): Promise<SessionTokens> {
    const familyId = uuidV7();
    const refresh = newRefreshToken(tenant.slug);
    const expiresAt = this.refreshExpiry();
    await this.store.create(tenant, { id: uuidV7(), familyId, userId: user.id, tokenHash: refresh.hash, expiresAt });
    return { accessToken: this.accessTokenFor(tenant, user, familyId), refreshToken: refresh.value, refreshTokenExpiresAt: expiresAt };
  }

  accessTokenFor(tenant: Tenant, user: User, familyId: string): IssuedAccessToken {
    return this.accessTokens.issue({ subject: user.id, role: user.role, tenantId: tenant.id, sessionId: familyId });
  }

  refreshExpiry(): Date {
    return new Date(this.clock.now().getTime() + this.config.refreshTokenTtlSeconds * 1000);
  }
}
