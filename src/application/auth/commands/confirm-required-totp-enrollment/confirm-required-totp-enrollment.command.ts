import { IssuedAccessToken } from '../../../../domain/auth/access-token-issuer';
import { Tenant } from '../../../../domain/tenant/tenant';
import { User } from '../../../../domain/user/user';
import { Command } from '../../../shared/message';

export interface RequiredEnrollmentResult {
  user: User;
  accessToken: IssuedAccessToken;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  recoveryCodes: string[];
}

/** Confirms the enrollment the tenant requires with a current code, uses the challenge up and starts the session. */
export class ConfirmRequiredTotpEnrollmentCommand extends Command<RequiredEnrollmentResult> {
  constructor(
    readonly tenant: Tenant,
    readonly challenge: string,
    readonly code: string,
  ) {
    super();
  }
}
