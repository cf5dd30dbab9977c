import { IssuedAccessToken } from '../../../../domain/auth/access-token-issuer';
import { Tenant } from '../../../../domain/tenant/tenant';
import { Command } from '../../../shared/message';

/**
 * The client-credentials grant: a service account's id and one of its client secrets (or a signed assertion), exchanged for an
 * access token. In `tenant` when given, else for a platform service account.
 */
export class IssueServiceTokenCommand extends Command<IssuedAccessToken> {
  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    readonly tenant: Tenant | undefined,
    /** An RFC 7523 private-key JWT instead of the secret, and its type. */
    readonly clientAssertion = '',
    readonly clientAssertionType = '',
  ) {
    super();
  }
}
