import { Tenant } from '../../../../domain/tenant/tenant';
import { User } from '../../../../domain/user/user';
import { Command } from '../../../shared/message';
import { SessionTokens } from '../../session-issuer';

/**
 * Creates the invited user (ACTIVE, email verified, the invited role) with the password they choose, and
 * signs them in. `name` empty: the name the inviter gave.
 */
export class AcceptInvitationCommand extends Command<{ user: User } & SessionTokens> {
  constructor(
    readonly tenant: Tenant,
    readonly token: string,
    readonly password: string,
    readonly name: string,
  ) {
    super();
  }
}
