import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';
import { SessionTokens } from '../../session-issuer';

/** Rotates a refresh token: the presented one stops working, a new pair is returned. */
export class RefreshTokenCommand extends Command<SessionTokens> {
  constructor(
    readonly refreshToken: string,
    /** The tenant named by `x-tenant-id`, if the caller sent one; it must be the token's own. */
    readonly headerTenant: Tenant | undefined,
  ) {
    super();
  }
}
