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
import { toUserView } from '../../../application/user/user-view';
import { TOKENS } from '../../../di/tokens';
import { DomainError } from '../../../domain/shared/domain-error';
import { Role } from '../../../gen/proto/userservice/v1/access';
import { UserStatus } from '../../../gen/proto/userservice/v1/user';
import { UserServiceServer } from '../../../gen/proto/userservice/v1/user_service';
import { parseUpdateMask } from '../mappers/update-mask';
import { tenantRoleFromProto, userStatusFromProto, userToProto } from '../mappers/user.mapper';
import { authenticatedInTenant } from '../typed-methods';
import { sessionToProto } from '../mappers/session.mapper';
import { ListUserSessionsQuery } from '../../../application/user/queries/list-user-sessions/list-user-sessions.query';
import { RevokeUserSessionsCommand } from '../../../application/user/commands/revoke-user-sessions/revoke-user-sessions.command';

const SELF_UPDATABLE = ['name'] as const;
const ADMIN_UPDATABLE = ['name', 'role', 'status'] as const;

/** UserService: translates requests into user commands and queries, and results back. */
@injectable()
export class UserGrpcService {
  constructor(
    @inject(TOKENS.CommandBus) private readonly commands: MessageBus,
    @inject(TOKENS.QueryBus) private readonly queries: MessageBus,
  ) {}

  implementation(): UserServiceServer {
    return {
      getMe: authenticatedInTenant(async (_request, { tenant, principal }) => {
        return { user: userToProto(await this.queries.execute(new GetMeQuery(tenant, principal)), tenant) };
      }),

      updateMe: authenticatedInTenant(async (request, { tenant, principal }) => {
        if (!request.user) throw DomainError.invalid([{ field: 'user', description: 'is required' }]);
        parseUpdateMask(request.updateMask, SELF_UPDATABLE);
        const updated = await this.commands.execute(new UpdateMeCommand(tenant, principal, { name: request.user.name }));
        return { user: userToProto(toUserView(updated), tenant) };
      }),

      changePassword: authenticatedInTenant(async (request, { tenant, principal }) => {
        await this.commands.execute(new ChangePasswordCommand(tenant, principal, request.currentPassword, request.newPassword));
        return {};
      }),

      listUsers: authenticatedInTenant(async (request, { tenant }) => {
        const filter = {
          role: request.role === Role.ROLE_UNSPECIFIED ? undefined : required(tenantRoleFromProto(request.role), 'role', 'is not a tenant role'),
          status: request.status === UserStatus.USER_STATUS_UNSPECIFIED ? undefined : required(userStatusFromProto(request.status), 'status', 'is not a user status'),
          emailPrefix: request.emailPrefix,
        };
        const page = await this.queries.execute(new ListUsersQuery(tenant, request.pageSize, request.pageToken, filter));
        return { users: page.items.map((u) => userToProto(toUserView(u), tenant)), nextPageToken: page.nextCursor ?? '' };
      }),

      getUser: authenticatedInTenant(async (request, { tenant }) => {
        return { user: userToProto(await this.queries.execute(new GetUserQuery(tenant, request.userId)), tenant) };
      }),

      createUser: authenticatedInTenant(async (request, { tenant, principal }) => {
        const role = request.role === Role.ROLE_UNSPECIFIED ? undefined : tenantRoleFromProto(request.role);
        const created = await this.commands.execute(new CreateUserCommand(tenant, principal, request.email, request.name, request.password, role));
        return { user: userToProto(toUserView(created), tenant) };
      }),

      updateUser: authenticatedInTenant(async (request, { tenant, principal }) => {
        const user = request.user;
        if (!user) throw DomainError.invalid([{ field: 'user', description: 'is required' }]);
        const mask = parseUpdateMask(request.updateMask, ADMIN_UPDATABLE);
        const changes: UserChanges = {};
        if (mask.has('name')) changes.name = user.name;
        if (mask.has('role')) changes.role = required(tenantRoleFromProto(user.role), 'user.role', 'must be ROLE_OWNER, ROLE_ADMIN or ROLE_MEMBER');
        if (mask.has('status')) changes.status = required(userStatusFromProto(user.status), 'user.status', 'must be USER_STATUS_ACTIVE or USER_STATUS_DISABLED');
        const updated = await this.commands.execute(new UpdateUserCommand(tenant, principal, user.id, changes));
        return { user: userToProto(toUserView(updated), tenant) };
      }),

      deleteUser: authenticatedInTenant(async (request, { tenant, principal }) => {
        await this.commands.execute(new DeleteUserCommand(tenant, principal, request.userId));
        return {};
      }),

      listUserSessions: authenticatedInTenant(async (request, { tenant, principal }) => {
        const sessions = await this.queries.execute(new ListUserSessionsQuery(principal, tenant, request.userId));
        return { sessions: sessions.map((s) => sessionToProto(s, principal.sessionId)) };
      }),

      revokeUserSessions: authenticatedInTenant(async (request, { tenant, principal }) => {
        return { revokedCount: await this.commands.execute(new RevokeUserSessionsCommand(principal, tenant, request.userId)) };
      }),
    };
  }
}

/** The parsed value, or INVALID_ARGUMENT for `field`. */
function required<T>(value: T | undefined, field: string, description: string): T {
  if (value === undefined) throw DomainError.invalid([{ field, description }]);
  return value;
}
