import { inject, injectable } from 'inversify';
import { IssueServiceTokenCommand } from '../../../application/auth/commands/issue-service-token/issue-service-token.command';
import { LoginCommand } from '../../../application/auth/commands/login/login.command';
import { LogoutCommand } from '../../../application/auth/commands/logout/logout.command';
import { RefreshTokenCommand } from '../../../application/auth/commands/refresh-token/refresh-token.command';
import { SignUpCommand } from '../../../application/auth/commands/sign-up/sign-up.command';
import { MessageBus } from '../../../application/shared/message-bus';
import { TOKENS } from '../../../di/tokens';
import { AccessTokenVerifier } from '../../../domain/auth/access-token-verifier';
import { AuthServiceServer } from '../../../gen/proto/userservice/v1/auth_service';
import { authTokensToProto } from '../mappers/auth-tokens.mapper';
import { userToProto } from '../mappers/user.mapper';
import { toUserView } from '../../../application/user/user-view';
import { publicInTenant, publicMethod } from '../typed-methods';

/** AuthService: sign-up, sign-in, the session lifecycle and the public keys. */
@injectable()
export class AuthGrpcService {
  constructor(
    @inject(TOKENS.CommandBus) private readonly commands: MessageBus,
    @inject(TOKENS.AccessTokenVerifier) private readonly tokens: AccessTokenVerifier,
  ) {}

  implementation(): AuthServiceServer {
    return {
      signUp: publicInTenant(async (request, context) => {
        const { tenant } = context;
        const result = await this.commands.execute(new SignUpCommand(tenant, request.email, request.password, request.name), context);
        return { user: userToProto(toUserView(result.user), tenant), tokens: authTokensToProto(result.accessToken, result) };
      }),

      login: publicMethod(async (request, context) => {
        const result = await this.commands.execute(new LoginCommand(request.email, request.password, context.tenant), context);
        if (result.kind === 'user') {
          return { tokens: authTokensToProto(result.accessToken, result), subject: { $case: 'user', value: userToProto(toUserView(result.user), context.tenant!) } };
        }
        return { tokens: authTokensToProto(result.accessToken, result), subject: { $case: 'platformAdmin', value: result.admin } };
      }),

      refreshToken: publicMethod(async (request, context) => {
        const result = await this.commands.execute(new RefreshTokenCommand(request.refreshToken, context.tenant), context);
        return { tokens: authTokensToProto(result.accessToken, result) };
      }),

      logout: publicMethod(async (request, context) => {
        await this.commands.execute(new LogoutCommand(request.refreshToken, context.tenant), context);
        return {};
      }),

      getJwks: publicMethod(async (_request, context) => ({
        keys: this.tokens.publicJwks().map((k) => ({ ...k, crv: '', x: '', y: '' })),
      })),

      issueServiceToken: publicMethod(async (request, context) => {
        const token = await this.commands.execute(new IssueServiceTokenCommand(request.clientId, request.clientSecret, context.tenant, request.clientAssertion, request.clientAssertionType), context);
        return { accessToken: token.token, accessTokenExpireTime: token.expiresAt, tokenType: 'Bearer' };
      }),
    };
  }
}
