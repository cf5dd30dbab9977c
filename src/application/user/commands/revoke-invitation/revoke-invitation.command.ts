import { Tenant } from '../../../../domain/tenant/tenant';
import { Invitation } from '../../../../domain/user/invitation';
import { Command } from '../../../shared/message';

/** Revokes a pending invitation: its link stops working. Revoking a revoked or expired one changes nothing. */
export class RevokeInvitationCommand extends Command<Invitation> {
  constructor(
    readonly tenant: Tenant,
    readonly invitationId: string,
  ) {
    super();
  }
}
