import { inject, injectable } from 'inversify';
import { AppConfig } from '../../config/config';
import { TOKENS } from '../../di/tokens';
import { AccessTokenIssuer, IssuedAccessToken } from '../../domain/auth/access-token-issuer';
import { Role } from '../../domain/auth/principal';
import { NewRefreshToken, RefreshTokenStore, SessionScope } from '../../domain/auth/refresh-token-store';
import { uuidV7 } from '../../domain/shared/uuid-v7';
import { Clock } from '../shared/clock';
import { newRefreshToken } from './refresh-token-codec';
import { RequestOrigin } from '../../domain/shared/request-origin';

export interface SessionTokens {
  accessToken: IssuedAccessToken;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** Who a session belongs to: a tenant user (role OWNER/ADMIN/MEMBER) or a super-admin. */
export interface SessionSubject {
  id: string;
  role: Role;
}

/** Issues the token pair of a session: a new one at sign-in, the next one at refresh. */
@injectable()
export class SessionIssuer {
  constructor(
    @inject(TOKENS.RefreshTokenStore) private readonly store: RefreshTokenStore,
    @inject(TOKENS.AccessTokenIssuer) private readonly accessTokens: AccessTokenIssuer,
    @inject(TOKENS.Config) private readonly config: AppConfig,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  /** Starts a new session (refresh token family) for the subject: one INSERT, then the signed token pair. */
  async start(scope: SessionScope, subject: SessionSubject, origin: RequestOrigin): Promise<SessionTokens> {
    const session = this.prepare(scope, subject, origin);
    await this.store.create(scope, session.row);
    return session.tokens();
  }

  /**
   * A new session whose row the caller stores (`row`, in its own unit of work), and whose token pair
   * `tokens()` signs once that row is committed: the signature is not made while a transaction is open.
   */
  prepare(scope: SessionScope, subject: SessionSubject, origin: RequestOrigin): { row: NewRefreshToken; tokens: () => Promise<SessionTokens> } {
    const familyId = uuidV7();
    const refresh = newRefreshToken(scope === 'platform' ? 'platform' : scope.slug);
    const expiresAt = this.refreshExpiry();
    return {
      row: { id: uuidV7(), familyId, userId: subject.id, tokenHash: refresh.hash, expiresAt, ...clientOf(origin) },
      tokens: async () => ({ accessToken: await this.accessTokenFor(scope, subject, familyId), refreshToken: refresh.value, refreshTokenExpiresAt: expiresAt }),
    };
  }

  accessTokenFor(scope: SessionScope, subject: SessionSubject, familyId: string): Promise<IssuedAccessToken> {
    return this.accessTokens.issue({ subject: subject.id, role: subject.role, tenantId: scope === 'platform' ? undefined : scope.id, sessionId: familyId });
  }

  refreshExpiry(): Date {
    return new Date(this.clock.now().getTime() + this.config.refreshTokenTtlSeconds * 1000);
  }
}

/** The user agent and address of the request, cut to what the session columns hold. */
export function clientOf(origin: RequestOrigin): { userAgent?: string; callerAddress?: string } {
  return { userAgent: origin.userAgent?.slice(0, 256), callerAddress: origin.callerAddress?.slice(0, 128) };
}
