import { inject, injectable } from 'inversify';
import { ChangeSuperAdminPasswordCommand } from '../../../application/platform-admin/commands/change-super-admin-password/change-super-admin-password.command';
import { CreateSuperAdminCommand } from '../../../application/platform-admin/commands/create-super-admin/create-super-admin.command';
import { RemoveSuperAdminCommand } from '../../../application/platform-admin/commands/remove-super-admin/remove-super-admin.command';
import { ListSuperAdminsQuery } from '../../../application/platform-admin/queries/list-super-admins/list-super-admins.query';
import { MessageBus } from '../../../application/shared/message-bus';
import { TOKENS } from '../../../di/tokens';
import { SuperAdminSummary } from '../../../domain/platform-admin/platform-admin';
import { PlatformAdminServiceServer, SuperAdmin } from '../../../gen/proto/userservice/v1/platform_admin_service';
import { authenticated } from '../typed-methods';

/** The listing's view of a super-admin (never the hash). */
function superAdminToProto(admin: SuperAdminSummary): SuperAdmin {
  return { id: admin.id, email: admin.email, name: admin.name, createTime: admin.createdAt };
}

/** PlatformAdminService: the platform's super-admins, for super-admins (no x-tenant-id). */
@injectable()
export class PlatformAdminGrpcService {
  constructor(
    @inject(TOKENS.CommandBus) private readonly commands: MessageBus,
    @inject(TOKENS.QueryBus) private readonly queries: MessageBus,
  ) {}

  implementation(): PlatformAdminServiceServer {
    return {
      listSuperAdmins: authenticated(async (request, context) => {
        const page = await this.queries.execute(new ListSuperAdminsQuery(request.pageSize, request.pageToken), context);
        return { superAdmins: page.items.map(superAdminToProto), nextPageToken: page.nextCursor ?? '' };
      }),

      createSuperAdmin: authenticated(async (request, context) => {
        const admin = await this.commands.execute(new CreateSuperAdminCommand(request.email, request.name, request.password), context);
        return { superAdmin: superAdminToProto({ id: admin.id, email: admin.email.value, name: admin.name, createdAt: admin.createdAt }) };
      }),

      removeSuperAdmin: authenticated(async (request, context) => {
        await this.commands.execute(new RemoveSuperAdminCommand(request.superAdminId), context);
        return {};
      }),

      changeMyPassword: authenticated(async (request, context) => {
        await this.commands.execute(new ChangeSuperAdminPasswordCommand(context.principal, request.currentPassword, request.newPassword), context);
        return {};
      }),
    };
  }
}
