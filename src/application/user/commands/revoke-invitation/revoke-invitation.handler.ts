import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { DomainError } from '../../../../domain/shared/domain-error';
import { isUuid } from '../../../../domain/shared/uuid-v7';
import { Invitation } from '../../../../domain/user/invitation';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { RevokeInvitationCommand } from './revoke-invitation.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class RevokeInvitationHandler implements MessageHandler<RevokeInvitationCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: RevokeInvitationCommand, origin: RequestOrigin): Promise<Invitation> {
    if (!isUuid(command.invitationId)) throw DomainError.invalid([{ field: 'invitation_id', description: 'must be an invitation id (a UUID)' }]);
    return this.units.run(command.tenant, origin, async ({ invitations }) => {
      const invitation = await invitations.revoke(command.invitationId, this.clock.now());
      if (!invitation) throw DomainError.notFound('INVITATION_NOT_FOUND', 'no invitation has this id in this tenant');
      if (invitation.acceptedAt) throw DomainError.failedPrecondition('INVITATION_ALREADY_ACCEPTED', 'the invitation was accepted: disable or delete the user instead');
      return invitation;
    });
  }
}
