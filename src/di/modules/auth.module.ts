import { ContainerModule } from 'inversify';
import { LoginCommand } from '../../application/auth/commands/login/login.command';
import { LoginHandler } from '../../application/auth/commands/login/login.handler';
import { LogoutCommand } from '../../application/auth/commands/logout/logout.command';
import { LogoutHandler } from '../../application/auth/commands/logout/logout.handler';
import { RefreshTokenCommand } from '../../application/auth/commands/refresh-token/refresh-token.command';
import { RefreshTokenHandler } from '../../application/auth/commands/refresh-token/refresh-token.handler';
import { SignUpCommand } from '../../application/auth/commands/sign-up/sign-up.command';
import { SignUpHandler } from '../../application/auth/commands/sign-up/sign-up.handler';
import { RequestPasswordResetCommand } from '../../application/auth/commands/request-password-reset/request-password-reset.command';
import { RequestPasswordResetHandler } from '../../application/auth/commands/request-password-reset/request-password-reset.handler';
import { ResetPasswordCommand } from '../../application/auth/commands/reset-password/reset-password.command';
import { ResetPasswordHandler } from '../../application/auth/commands/reset-password/reset-password.handler';
import { EmailVerificationMail } from '../../application/auth/email-verification';
import { SignInAudit } from '../../application/auth/sign-in-audit';
import { VerifyEmailCommand } from '../../application/auth/commands/verify-email/verify-email.command';
import { VerifyEmailHandler } from '../../application/auth/commands/verify-email/verify-email.handler';
import { ResendVerificationCommand } from '../../application/auth/commands/resend-verification/resend-verification.command';
import { ResendVerificationHandler } from '../../application/auth/commands/resend-verification/resend-verification.handler';
import { AcceptInvitationCommand } from '../../application/auth/commands/accept-invitation/accept-invitation.command';
import { AcceptInvitationHandler } from '../../application/auth/commands/accept-invitation/accept-invitation.handler';
import { SessionIssuer } from '../../application/auth/session-issuer';
import { SecondFactorGate } from '../../application/auth/second-factor/second-factor-gate';
import { TotpEnrollments } from '../../application/auth/second-factor/totp-enrollments';
import { StartRequiredTotpEnrollmentCommand } from '../../application/auth/commands/start-required-totp-enrollment/start-required-totp-enrollment.command';
import { StartRequiredTotpEnrollmentHandler } from '../../application/auth/commands/start-required-totp-enrollment/start-required-totp-enrollment.handler';
import { ConfirmRequiredTotpEnrollmentCommand } from '../../application/auth/commands/confirm-required-totp-enrollment/confirm-required-totp-enrollment.command';
import { ConfirmRequiredTotpEnrollmentHandler } from '../../application/auth/commands/confirm-required-totp-enrollment/confirm-required-totp-enrollment.handler';
import { BootstrapSuperAdmin } from '../../application/platform-admin/bootstrap-super-admin';
import { HandlerRegistration } from '../handler-registry';
import { StartTotpEnrollmentCommand } from '../../application/auth/commands/start-totp-enrollment/start-totp-enrollment.command';
import { StartTotpEnrollmentHandler } from '../../application/auth/commands/start-totp-enrollment/start-totp-enrollment.handler';
import { ConfirmTotpEnrollmentCommand } from '../../application/auth/commands/confirm-totp-enrollment/confirm-totp-enrollment.command';
import { ConfirmTotpEnrollmentHandler } from '../../application/auth/commands/confirm-totp-enrollment/confirm-totp-enrollment.handler';
import { DisableTotpCommand } from '../../application/auth/commands/disable-totp/disable-totp.command';
import { DisableTotpHandler } from '../../application/auth/commands/disable-totp/disable-totp.handler';
import { VerifySecondFactorCommand } from '../../application/auth/commands/verify-second-factor/verify-second-factor.command';
import { VerifySecondFactorHandler } from '../../application/auth/commands/verify-second-factor/verify-second-factor.handler';
import { ListMySessionsQuery } from '../../application/auth/queries/list-my-sessions/list-my-sessions.query';
import { ListMySessionsHandler } from '../../application/auth/queries/list-my-sessions/list-my-sessions.handler';
import { RevokeSessionCommand } from '../../application/auth/commands/revoke-session/revoke-session.command';
import { RevokeSessionHandler } from '../../application/auth/commands/revoke-session/revoke-session.handler';
import { RevokeOtherSessionsCommand } from '../../application/auth/commands/revoke-other-sessions/revoke-other-sessions.command';
import { RevokeOtherSessionsHandler } from '../../application/auth/commands/revoke-other-sessions/revoke-other-sessions.handler';

export const authHandlers: HandlerRegistration[] = [
  [SignUpCommand, SignUpHandler],
  [LoginCommand, LoginHandler],
  [RefreshTokenCommand, RefreshTokenHandler],
  [LogoutCommand, LogoutHandler],
  [RequestPasswordResetCommand, RequestPasswordResetHandler],
  [ResetPasswordCommand, ResetPasswordHandler],
  [VerifyEmailCommand, VerifyEmailHandler],
  [ResendVerificationCommand, ResendVerificationHandler],
  [AcceptInvitationCommand, AcceptInvitationHandler],
  [ListMySessionsQuery, ListMySessionsHandler],
  [RevokeSessionCommand, RevokeSessionHandler],
  [RevokeOtherSessionsCommand, RevokeOtherSessionsHandler],
  [StartTotpEnrollmentCommand, StartTotpEnrollmentHandler],
  [ConfirmTotpEnrollmentCommand, ConfirmTotpEnrollmentHandler],
  [DisableTotpCommand, DisableTotpHandler],
  [VerifySecondFactorCommand, VerifySecondFactorHandler],
  [StartRequiredTotpEnrollmentCommand, StartRequiredTotpEnrollmentHandler],
  [ConfirmRequiredTotpEnrollmentCommand, ConfirmRequiredTotpEnrollmentHandler],
];

export const authModule = new ContainerModule(({ bind }) => {
  bind(SessionIssuer).toSelf().inSingletonScope();
  bind(EmailVerificationMail).toSelf().inSingletonScope();
  bind(SignInAudit).toSelf().inSingletonScope();
  bind(SecondFactorGate).toSelf().inSingletonScope();
  bind(TotpEnrollments).toSelf().inSingletonScope();
  bind(BootstrapSuperAdmin).toSelf().inSingletonScope();
});
