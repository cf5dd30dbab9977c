import { Tenant } from '../../../../domain/tenant/tenant';
import { User } from '../../../../domain/user/user';
import { Command } from '../../../shared/message';
import { SessionTokens } from '../../session-issuer';

/** Creates a user in the tenant and signs them in. The tenant's first user becomes its OWNER. */
export class SignUpCommand extends Command<{ user: User } & SessionTokens> {
  constructor(
    readonly tenant: Tenant,
    readonly email: string,
    readonly password: string,
    readonly name: string,
  ) {
    super();
  }
}
