import { inject, injectable } from 'inversify';
import { LoginCommand } from '../../../application/auth/commands/login/login.command';
import { MessageBus } from '../../../application/shared/message-bus';
import { TOKENS } from '../../../di/tokens';
import { JwtAccessTokens } from '../../../infrastructure/crypto/jwt-access-tokens';
import { AuthServiceServer } from '../../../gen/proto/userservice/v1/auth_service';
import { notYetImplemented, unary } from '../unary';

/** AuthService: sign-in and the public keys. Sign-up, refresh and logout arrive with the token lifecycle. */
@injectable()
export class AuthGrpcService {
  constructor(
    @inject(TOKENS.CommandBus) private readonly commands: MessageBus,
    @inject(TOKENS.AccessTokenVerifier) private readonly tokens: JwtAccessTokens,
  ) {}

  implementation(): AuthServiceServer {
    return {
      signUp: notYetImplemented('SignUp'),
      login: unary(async (request, context) => {
        const result = await this.commands.execute(new LoginCommand(request.email, request.password, context.tenant));
        return {
          tokens: {
            accessToken: result.accessToken.token,
            accessTokenExpireTime: result.accessToken.expiresAt,
            refreshToken: '',
            refreshTokenExpireTime: undefined,
            tokenType: 'Bearer',
          },
          subject: {
            $case: 'platformAdmin',
            value: { id: result.subject.id, email: result.subject.email, name: result.subject.name },
          },
        };
      }),
      refreshToken: notYetImplemented('RefreshToken'),
      logout: notYetImplemented('Logout'),
      getJwks: unary(async () => ({
        keys: this.tokens.publicJwks().map((k) => ({ ...k, crv: '', x: '', y: '' })),
      })),
    };
  }
}
