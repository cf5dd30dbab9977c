import { inject, injectable } from 'inversify';
import { MessageBus } from '../../../application/shared/message-bus';
import { ChangePasswordCommand } from '../../../application/user/commands/change-password/change-password.command';
import { CreateUserCommand } from '../../../application/user/commands/create-user/create-user.command';
import { DeleteUserCommand } from '../../../application/user/commands/delete-user/delete-user.command';
import { UpdateMeCommand } from '../../../application/user/commands/update-me/update-me.command';
import { UpdateUserCommand, UserChanges } from '../../../application/user/commands/update-user/update-user.command';
import { GetMeQuery } from '../../../application/user/queries/get-me/get-me.query';
import { GetUserQuery } from '../../../application/user/queries/get-user/get-user.query';
import { ListUsersQuery } from '../../../application/user/queries/list-users/list-users.query';
import { toUserView, UserView } from '../../../application/user/user-view';
import { Tenant } from '../../../domain/tenant/tenant';
import { keepEncoded } from '../encoded-responses';
import { InviteUserCommand } from '../../../application/user/commands/invite-user/invite-user.command';
import { RevokeInvitationCommand } from '../../../application/user/commands/revoke-invitation/revoke-invitation.command';
import { ListInvitationsQuery } from '../../../application/user/queries/list-invitations/list-invitations.query';
import { invitationToProto } from '../mappers/invitation.mapper';
import { TOKENS } from '../../../di/tokens';
import { DomainError } from '../../../domain/shared/domain-error';
import { Role } from '../../../gen/proto/userservice/v1/access';
import { UserStatus } from '../../../gen/proto/userservice/v1/user';
import { GetMeResponse, UserServiceServer } from '../../../gen/proto/userservice/v1/user_service';
import { parseUpdateMask } from '../mappers/update-mask';
import { tenantRoleFromProto, userStatusFromProto, userToProto } from '../mappers/user.mapper';
import { authenticatedInTenant } from '../typed-methods';
import { sessionToProto } from '../mappers/session.mapper';
import { ListUserSessionsQuery } from '../../../application/user/queries/list-user-sessions/list-user-sessions.query';
import { RevokeUserSessionsCommand } from '../../../application/user/commands/revoke-user-sessions/revoke-user-sessions.command';

/**
 * GetMe's answer per cached account object: the user cache hands out the same (never mutated) view until the
 * account changes, so the same response, its encoding kept (encoded-responses.ts), answers every GetMe of it.
 */
const meResponses = new WeakMap<UserView, { tenant: Tenant; response: GetMeResponse }>();

function meResponse(user: UserView, tenant: Tenant): GetMeResponse {
  const kept = meResponses.get(user);
  if (kept?.tenant === tenant) return kept.response;
  const response = keepEncoded({ user: userToProto(user, tenant) });
  meResponses.set(user, { tenant, response });
  return response;
}

const SELF_UPDATABLE = ['name'] as const;
const ADMIN_UPDATABLE = ['name', 'email', 'role', 'status'] as const;

/** UserService: translates requests into user commands and queries, and results back. */
@injectable()
export class UserGrpcService {
  constructor(
    @inject(TOKENS.CommandBus) private readonly commands: MessageBus,
    @inject(TOKENS.QueryBus) private readonly queries: MessageBus,
  ) {}

  implementation(): UserServiceServer {
    return {
      getMe: authenticatedInTenant(async (_request, context) => {
        const { tenant, principal } = context;
        return meResponse(await this.queries.execute(new GetMeQuery(tenant, principal, context.account), context), tenant);
      }),

      updateMe: authenticatedInTenant(async (request, context) => {
        const { tenant, principal } = context;
        if (!request.user) throw DomainError.invalid([{ field: 'user', description: 'is required' }]);
        parseUpdateMask(request.updateMask, SELF_UPDATABLE);
        const updated = await this.commands.execute(new UpdateMeCommand(tenant, principal, { name: request.user.name }), context);
        return { user: userToProto(toUserView(updated), tenant) };
      }),

      changePassword: authenticatedInTenant(async (request, context) => {
        const { tenant, principal } = context;
        await this.commands.execute(new ChangePasswordCommand(tenant, principal, request.currentPassword, request.newPassword), context);
        return {};
      }),

      listUsers: authenticatedInTenant(async (request, context) => {
        const { tenant } = context;
        const filter = {
          role: request.role === Role.ROLE_UNSPECIFIED ? undefined : required(tenantRoleFromProto(request.role), 'role', 'is not a tenant role'),
          status: request.status === UserStatus.USER_STATUS_UNSPECIFIED ? undefined : required(userStatusFromProto(request.status), 'status', 'is not a user status'),
          emailPrefix: request.emailPrefix,
        };
        const page = await this.queries.execute(new ListUsersQuery(tenant, request.pageSize, request.pageToken, filter), context);
        return { users: page.items.map((u) => userToProto(toUserView(u), tenant)), nextPageToken: page.nextCursor ?? '' };
      }),

      getUser: authenticatedInTenant(async (request, context) => {
        const { tenant } = context;
        return { user: userToProto(await this.queries.execute(new GetUserQuery(tenant, request.userId), context), tenant) };
      }),

      createUser: authenticatedInTenant(async (request, context) => {
        const { tenant, principal } = context;
        const role = request.role === Role.ROLE_UNSPECIFIED ? undefined : tenantRoleFromProto(request.role);
        const created = await this.commands.execute(new CreateUserCommand(tenant, principal, request.email, request.name, request.password, role), context);
        return { user: userToProto(toUserView(created), tenant) };
      }),

      updateUser: authenticatedInTenant(async (request, context) => {
        const { tenant, principal } = context;
        const user = request.user;
        if (!user) throw DomainError.invalid([{ field: 'user', description: 'is required' }]);
        const mask = parseUpdateMask(request.updateMask, ADMIN_UPDATABLE);
        const changes: UserChanges = {};
        if (mask.has('name')) changes.name = user.name;
        if (mask.has('email')) changes.email = user.email;
        if (mask.has('role')) changes.role = required(tenantRoleFromProto(user.role), 'user.role', 'must be ROLE_OWNER, ROLE_ADMIN or ROLE_MEMBER');
        if (mask.has('status')) changes.status = required(userStatusFromProto(user.status), 'user.status', 'must be USER_STATUS_ACTIVE or USER_STATUS_DISABLED');
        const updated = await this.commands.execute(new UpdateUserCommand(tenant, principal, user.id, changes), context);
        return { user: userToProto(toUserView(updated), tenant) };
      }),

      deleteUser: authenticatedInTenant(async (request, context) => {
        const { tenant, principal } = context;
        await this.commands.execute(new DeleteUserCommand(tenant, principal, request.userId), context);
        return {};
      }),

      inviteUser: authenticatedInTenant(async (request, context) => {
        const { tenant, principal } = context;
        const role = request.role === Role.ROLE_UNSPECIFIED ? undefined : tenantRoleFromProto(request.role);
        const invitation = await this.commands.execute(new InviteUserCommand(tenant, principal, request.email, request.name, role), context);
        return { invitation: invitationToProto(invitation) };
      }),

      listInvitations: authenticatedInTenant(async (request, context) => {
        const { tenant } = context;
        const page = await this.queries.execute(new ListInvitationsQuery(tenant, request.pageSize, request.pageToken), context);
        return { invitations: page.items.map((i) => invitationToProto(i)), nextPageToken: page.nextCursor ?? '' };
      }),

      revokeInvitation: authenticatedInTenant(async (request, context) => {
        const { tenant } = context;
        const invitation = await this.commands.execute(new RevokeInvitationCommand(tenant, request.invitationId), context);
        return { invitation: invitationToProto(invitation) };
      }),

      listUserSessions: authenticatedInTenant(async (request, context) => {
        const { tenant, principal } = context;
        const sessions = await this.queries.execute(new ListUserSessionsQuery(principal, tenant, request.userId), context);
        return { sessions: sessions.map((s) => sessionToProto(s, principal.sessionId)) };
      }),

      revokeUserSessions: authenticatedInTenant(async (request, context) => {
        const { tenant, principal } = context;
        return { revokedCount: await this.commands.execute(new RevokeUserSessionsCommand(principal, tenant, request.userId), context) };
      }),
    };
  }
}

/** The parsed value, or INVALID_ARGUMENT for `field`. */
function required<T>(value: T | undefined, field: string, description: string): T {
  if (value === undefined) throw DomainError.invalid([{ field, description }]);
  return value;
}
