import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/** Ends the session (refresh token family) of the presented refresh token. */
export class LogoutCommand extends Command<void> {
  constructor(
    readonly refreshToken: string,
    readonly headerTenant: Tenant | undefined,
  ) {
    super();
  }
}
