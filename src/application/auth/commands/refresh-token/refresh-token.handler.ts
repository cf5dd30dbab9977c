import { inject, injectable } from 'inversify';
import { AppConfig } from '../../../../config/config';
import { TOKENS } from '../../../../di/tokens';
import { RefreshTokenStore, SessionScope } from '../../../../domain/auth/refresh-token-store';
import { PlatformAdminRepository } from '../../../../domain/platform-admin/platform-admin';
import { uuidV7 } from '../../../../domain/shared/uuid-v7';
import { UserRepository } from '../../../../domain/user/user-repository';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { Telemetry } from '../../../shared/telemetry';
import { DomainError } from '../../../../domain/shared/domain-error';
import { TenantDirectory } from '../../../tenant/tenant-directory';
import { TenantSchemaGate } from '../../../tenant/tenant-schema-gate';
import { hashRefreshToken, newRefreshToken, PLATFORM_SCOPE } from '../../refresh-token-codec';
import { invalidRefreshToken, scopeOfRefreshToken } from '../../refresh-token-scope';
import { clientOf, SessionIssuer, SessionSubject, SessionTokens } from '../../session-issuer';
import { RefreshTokenCommand } from './refresh-token.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class RefreshTokenHandler implements MessageHandler<RefreshTokenCommand> {
  constructor(
    @inject(TOKENS.RefreshTokenStore) private readonly store: RefreshTokenStore,
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.PlatformAdminRepository) private readonly admins: PlatformAdminRepository,
    @inject(TOKENS.TenantDirectory) private readonly directory: TenantDirectory,
    @inject(TenantSchemaGate) private readonly schemaGate: TenantSchemaGate,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(SessionIssuer) private readonly sessions: SessionIssuer,
    @inject(TOKENS.Telemetry) private readonly telemetry: Telemetry,
    @inject(TOKENS.Config) private readonly config: AppConfig,
  ) {}

  async execute(command: RefreshTokenCommand, origin: RequestOrigin): Promise<SessionTokens> {
    const scope = await scopeOfRefreshToken(command.refreshToken, command.headerTenant, this.directory, this.schemaGate).catch((error: unknown) => {
      if (error instanceof DomainError && error.reason === 'REFRESH_TOKEN_INVALID') this.telemetry.tokenRefresh('invalid');
      throw error;
    });
    const now = this.clock.now();
    const successor = newRefreshToken(scope === 'platform' ? PLATFORM_SCOPE : scope.slug);
    const expiresAt = this.sessions.refreshExpiry();
    const grace = this.config.refreshTokenReuseGraceSeconds;
    const graceSince = grace > 0 ? new Date(now.getTime() - grace * 1000) : undefined;
    const result = await this.store.rotate(scope, hashRefreshToken(command.refreshToken), { id: uuidV7(), tokenHash: successor.hash, expiresAt, ...clientOf(origin) }, now, origin, graceSince);
    if (result.kind !== 'rotated') {
      this.telemetry.tokenRefresh(result.kind);
      throw invalidRefreshToken();
    }

    // A user disabled or deleted since sign-in loses the session here.
    const subject = await this.subject(scope, result.userId);
    if (!subject) {
      await this.store.revokeFamily(scope, result.familyId, now, 'USER_DISABLED', origin);
      this.telemetry.tokenRefresh('invalid');
      throw invalidRefreshToken();
    }
    const tokens = {
      accessToken: await this.sessions.accessTokenFor(scope, subject, result.familyId),
      refreshToken: successor.value,
      refreshTokenExpiresAt: expiresAt,
    };
    this.telemetry.tokenRefresh('rotated');
    return tokens;
  }

  /** The session's owner if it may still sign in. */
  private async subject(scope: SessionScope, id: string): Promise<SessionSubject | undefined> {
    if (scope === 'platform') {
      const admin = await this.admins.findById(id);
      return admin ? { id: admin.id, role: 'SUPER_ADMIN' } : undefined;
    }
    const user = await this.users.findById(scope, id);
    return user?.isActive ? { id: user.id, role: user.role } : undefined;
  }
}
