import { IssuedAccessToken } from '../../../../domain/auth/access-token-issuer';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

export interface LoginResult {
  accessToken: IssuedAccessToken;
  subject: { kind: 'platform-admin'; id: string; email: string; name: string };
}

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
