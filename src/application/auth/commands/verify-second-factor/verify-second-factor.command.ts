import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';
import { LoginResult } from '../login/login.command';

/** Answers a sign-in challenge with a TOTP code or a recovery code; the session's tokens on success. */
export class VerifySecondFactorCommand extends Command<Exclude<LoginResult, { kind: 'second-factor' }>> {
  constructor(
    readonly challenge: string,
    readonly proof: { code?: string; recoveryCode?: string },
    readonly headerTenant: Tenant | undefined,
  ) {
    super();
  }
}
