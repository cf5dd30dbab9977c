import { Invitation, invitationState, InvitationState } from '../../../domain/user/invitation';
import { Invitation as InvitationMessage, InvitationState as InvitationStateMessage } from '../../../gen/proto/userservice/v1/user_service';
import { Role } from '../../../gen/proto/userservice/v1/access';

const STATE_TO_PROTO: Record<InvitationState, InvitationStateMessage> = {
  PENDING: InvitationStateMessage.INVITATION_STATE_PENDING,
  ACCEPTED: InvitationStateMessage.INVITATION_STATE_ACCEPTED,
  REVOKED: InvitationStateMessage.INVITATION_STATE_REVOKED,
  EXPIRED: InvitationStateMessage.INVITATION_STATE_EXPIRED,
};
const ROLE_TO_PROTO = { OWNER: Role.ROLE_OWNER, ADMIN: Role.ROLE_ADMIN, MEMBER: Role.ROLE_MEMBER } as const;

/** What an admin sees of an invitation: never its token or hash. */
export function invitationToProto(invitation: Invitation, now: Date = new Date()): InvitationMessage {
  return {
    id: invitation.id,
    email: invitation.email,
    name: invitation.name,
    role: ROLE_TO_PROTO[invitation.role],
    state: STATE_TO_PROTO[invitationState(invitation, now)],
    invitedBy: invitation.invitedBy ?? '',
    createTime: invitation.createdAt,
    expireTime: invitation.expiresAt,
  };
}
