import { IssuedAccessToken } from '../../../../domain/auth/access-token-issuer';
import { Tenant } from '../../../../domain/tenant/tenant';
import { User } from '../../../../domain/user/user';
import { SecondFactorChallenge } from '../../second-factor/second-factor-gate';
import { Command } from '../../../shared/message';

export type LoginResult =
  /** A right password for an account with a second factor: no tokens yet (see VerifySecondFactor). */
  | SecondFactorChallenge
  | { kind: 'user'; user: User; accessToken: IssuedAccessToken; refreshToken: string; refreshTokenExpiresAt: Date }
  | { kind: 'platform-admin'; admin: { id: string; email: string; name: string }; accessToken: IssuedAccessToken; refreshToken: string; refreshTokenExpiresAt: Date };

/** Exchanges an email and password for tokens: in `tenant` when given, else as a platform super-admin. */
export class LoginCommand extends Command<LoginResult> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly tenant: Tenant | undefined,
  ) {
    super();
  }
}
