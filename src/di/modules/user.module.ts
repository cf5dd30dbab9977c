import { ChangePasswordCommand } from '../../application/user/commands/change-password/change-password.command';
import { ChangePasswordHandler } from '../../application/user/commands/change-password/change-password.handler';
import { CreateUserCommand } from '../../application/user/commands/create-user/create-user.command';
import { CreateUserHandler } from '../../application/user/commands/create-user/create-user.handler';
import { DeleteUserCommand } from '../../application/user/commands/delete-user/delete-user.command';
import { DeleteUserHandler } from '../../application/user/commands/delete-user/delete-user.handler';
import { UpdateMeCommand } from '../../application/user/commands/update-me/update-me.command';
import { UpdateMeHandler } from '../../application/user/commands/update-me/update-me.handler';
import { UpdateUserCommand } from '../../application/user/commands/update-user/update-user.command';
import { UpdateUserHandler } from '../../application/user/commands/update-user/update-user.handler';
import { GetMeHandler } from '../../application/user/queries/get-me/get-me.handler';
import { GetMeQuery } from '../../application/user/queries/get-me/get-me.query';
import { GetUserHandler } from '../../application/user/queries/get-user/get-user.handler';
import { GetUserQuery } from '../../application/user/queries/get-user/get-user.query';
import { ListUsersHandler } from '../../application/user/queries/list-users/list-users.handler';
import { ListUsersQuery } from '../../application/user/queries/list-users/list-users.query';
import { HandlerRegistration } from '../handler-registry';
import { InviteUserCommand } from '../../application/user/commands/invite-user/invite-user.command';
import { InviteUserHandler } from '../../application/user/commands/invite-user/invite-user.handler';
import { RevokeInvitationCommand } from '../../application/user/commands/revoke-invitation/revoke-invitation.command';
import { RevokeInvitationHandler } from '../../application/user/commands/revoke-invitation/revoke-invitation.handler';
import { ListInvitationsQuery } from '../../application/user/queries/list-invitations/list-invitations.query';
import { ListInvitationsHandler } from '../../application/user/queries/list-invitations/list-invitations.handler';
import { ListUserSessionsQuery } from '../../application/user/queries/list-user-sessions/list-user-sessions.query';
import { ListUserSessionsHandler } from '../../application/user/queries/list-user-sessions/list-user-sessions.handler';
import { RevokeUserSessionsCommand } from '../../application/user/commands/revoke-user-sessions/revoke-user-sessions.command';
import { RevokeUserSessionsHandler } from '../../application/user/commands/revoke-user-sessions/revoke-user-sessions.handler';
import { ListAuditEventsQuery } from '../../application/audit/queries/list-audit-events/list-audit-events.query';
import { ListAuditEventsHandler } from '../../application/audit/queries/list-audit-events/list-audit-events.handler';

export const userHandlers: HandlerRegistration[] = [
  [ListAuditEventsQuery, ListAuditEventsHandler],
  [GetMeQuery, GetMeHandler],
  [UpdateMeCommand, UpdateMeHandler],
  [ChangePasswordCommand, ChangePasswordHandler],
  [ListUsersQuery, ListUsersHandler],
  [GetUserQuery, GetUserHandler],
  [CreateUserCommand, CreateUserHandler],
  [UpdateUserCommand, UpdateUserHandler],
  [DeleteUserCommand, DeleteUserHandler],
  [InviteUserCommand, InviteUserHandler],
  [ListInvitationsQuery, ListInvitationsHandler],
  [RevokeInvitationCommand, RevokeInvitationHandler],
  [ListUserSessionsQuery, ListUserSessionsHandler],
  [RevokeUserSessionsCommand, RevokeUserSessionsHandler],
];
