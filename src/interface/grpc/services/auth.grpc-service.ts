import { inject, injectable } from 'inversify';
import { IssueServiceTokenCommand } from '../../../application/auth/commands/issue-service-token/issue-service-token.command';
import { LoginCommand, LoginResult } from '../../../application/auth/commands/login/login.command';
import { StartTotpEnrollmentCommand } from '../../../application/auth/commands/start-totp-enrollment/start-totp-enrollment.command';
import { ConfirmTotpEnrollmentCommand } from '../../../application/auth/commands/confirm-totp-enrollment/confirm-totp-enrollment.command';
import { DisableTotpCommand } from '../../../application/auth/commands/disable-totp/disable-totp.command';
import { StartRequiredTotpEnrollmentCommand } from '../../../application/auth/commands/start-required-totp-enrollment/start-required-totp-enrollment.command';
import { ConfirmRequiredTotpEnrollmentCommand } from '../../../application/auth/commands/confirm-required-totp-enrollment/confirm-required-totp-enrollment.command';
import { VerifySecondFactorCommand } from '../../../application/auth/commands/verify-second-factor/verify-second-factor.command';
import { Tenant } from '../../../domain/tenant/tenant';
import { LogoutCommand } from '../../../application/auth/commands/logout/logout.command';
import { RefreshTokenCommand } from '../../../application/auth/commands/refresh-token/refresh-token.command';
import { RequestPasswordResetCommand } from '../../../application/auth/commands/request-password-reset/request-password-reset.command';
import { ResetPasswordCommand } from '../../../application/auth/commands/reset-password/reset-password.command';
import { VerifyEmailCommand } from '../../../application/auth/commands/verify-email/verify-email.command';
import { ResendVerificationCommand } from '../../../application/auth/commands/resend-verification/resend-verification.command';
import { AcceptInvitationCommand } from '../../../application/auth/commands/accept-invitation/accept-invitation.command';
import { SignUpCommand } from '../../../application/auth/commands/sign-up/sign-up.command';
import { MessageBus } from '../../../application/shared/message-bus';
import { TOKENS } from '../../../di/tokens';
import { AccessTokenVerifier } from '../../../domain/auth/access-token-verifier';
import { AuthServiceServer } from '../../../gen/proto/userservice/v1/auth_service';
import { authTokensToProto } from '../mappers/auth-tokens.mapper';
import { userToProto } from '../mappers/user.mapper';
import { toUserView } from '../../../application/user/user-view';
import { authenticated, publicInTenant, publicMethod } from '../typed-methods';
import { sessionToProto } from '../mappers/session.mapper';
import { ListMySessionsQuery } from '../../../application/auth/queries/list-my-sessions/list-my-sessions.query';
import { RevokeSessionCommand } from '../../../application/auth/commands/revoke-session/revoke-session.command';
import { RevokeOtherSessionsCommand } from '../../../application/auth/commands/revoke-other-sessions/revoke-other-sessions.command';

/** AuthService: sign-up, sign-in, the session lifecycle and the public keys. */
@injectable()
export class AuthGrpcService {
  constructor(
    @inject(TOKENS.CommandBus) private readonly commands: MessageBus,
    @inject(TOKENS.QueryBus) private readonly queries: MessageBus,
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
        if (result.kind === 'second-factor') {
          return { tokens: undefined, subject: undefined, secondFactor: { challenge: result.challenge, expireTime: result.expiresAt, reason: result.reason, enrollmentRequired: result.enrollmentRequired } };
        }
        return signedIn(result, context.tenant);
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

      requestPasswordReset: publicInTenant(async (request, context) => {
        const { tenant } = context;
        await this.commands.execute(new RequestPasswordResetCommand(tenant, request.email), context);
        return {};
      }),

      resetPassword: publicInTenant(async (request, context) => {
        const { tenant } = context;
        await this.commands.execute(new ResetPasswordCommand(tenant, request.token, request.newPassword), context);
        return {};
      }),

      verifyEmail: publicInTenant(async (request, context) => {
        const { tenant } = context;
        await this.commands.execute(new VerifyEmailCommand(tenant, request.token), context);
        return {};
      }),

      resendVerification: publicInTenant(async (request, context) => {
        const { tenant } = context;
        await this.commands.execute(new ResendVerificationCommand(tenant, request.email), context);
        return {};
      }),

      acceptInvitation: publicInTenant(async (request, context) => {
        const { tenant } = context;
        const result = await this.commands.execute(new AcceptInvitationCommand(tenant, request.token, request.password, request.name), context);
        return { user: userToProto(toUserView(result.user), tenant), tokens: authTokensToProto(result.accessToken, result) };
      }),

      listMySessions: authenticated(async (_request, context) => {
        const { principal, tenant } = context;
        const sessions = await this.queries.execute(new ListMySessionsQuery(principal, tenant), context);
        return { sessions: sessions.map((s) => sessionToProto(s, principal.sessionId)) };
      }),

      revokeSession: authenticated(async (request, context) => {
        const { principal, tenant } = context;
        await this.commands.execute(new RevokeSessionCommand(principal, tenant, request.sessionId), context);
        return {};
      }),

      revokeOtherSessions: authenticated(async (_request, context) => {
        const { principal, tenant } = context;
        return { revokedCount: await this.commands.execute(new RevokeOtherSessionsCommand(principal, tenant), context) };
      }),

      startTotpEnrollment: authenticated(async (_request, context) => {
        const { principal, tenant } = context;
        const enrollment = await this.commands.execute(new StartTotpEnrollmentCommand(principal, tenant), context);
        return { secret: enrollment.secret, otpauthUri: enrollment.uri, qrCodeSvg: enrollment.qrSvg };
      }),

      confirmTotpEnrollment: authenticated(async (request, context) => {
        const { principal, tenant } = context;
        return { recoveryCodes: await this.commands.execute(new ConfirmTotpEnrollmentCommand(principal, tenant, request.code), context) };
      }),

      disableTotp: authenticated(async (request, context) => {
        const { principal, tenant } = context;
        await this.commands.execute(new DisableTotpCommand(principal, tenant, { password: request.password || undefined, code: request.code || undefined }), context);
        return {};
      }),

      startRequiredTotpEnrollment: publicInTenant(async (request, context) => {
        const enrollment = await this.commands.execute(new StartRequiredTotpEnrollmentCommand(context.tenant, request.challenge), context);
        return { secret: enrollment.secret, otpauthUri: enrollment.uri, qrCodeSvg: enrollment.qrSvg };
      }),

      confirmRequiredTotpEnrollment: publicInTenant(async (request, context) => {
        const { tenant } = context;
        const result = await this.commands.execute(new ConfirmRequiredTotpEnrollmentCommand(tenant, request.challenge, request.code), context);
        return { user: userToProto(toUserView(result.user), tenant), tokens: authTokensToProto(result.accessToken, result), recoveryCodes: result.recoveryCodes };
      }),

      verifySecondFactor: publicMethod(async (request, context) => {
        const result = await this.commands.execute(
          new VerifySecondFactorCommand(request.challenge, { code: request.code || undefined, recoveryCode: request.recoveryCode || undefined }, context.tenant),
          context,
        );
        return signedIn(result, context.tenant);
      }),
    };
  }
}

/** The tokens and subject of a completed sign-in (Login without a second factor, or VerifySecondFactor). */
function signedIn(result: Exclude<LoginResult, { kind: 'second-factor' }>, tenant: Tenant | undefined) {
  if (result.kind === 'user') {
    return { tokens: authTokensToProto(result.accessToken, result), subject: { $case: 'user' as const, value: userToProto(toUserView(result.user), tenant!) } };
  }
  return { tokens: authTokensToProto(result.accessToken, result), subject: { $case: 'platformAdmin' as const, value: result.admin } };
}
