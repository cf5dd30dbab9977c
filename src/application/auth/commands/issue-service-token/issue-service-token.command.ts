import { IssuedAccessToken } from '../../../../domain/auth/access-token-issuer';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/**
 * The client-credentials grant: a service account's id and one of its client secrets, exchanged for an
 * access token. In `tenant` when given, else for a platform service account.
 */
export class IssueServiceTokenCommand extends Command<IssuedAccessToken> {
  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    readonly tenant: Tenant | undefined,
  ) {
    super();
  }
}
