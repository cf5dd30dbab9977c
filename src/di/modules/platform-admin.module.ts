import { ChangeSuperAdminPasswordCommand } from '../../application/platform-admin/commands/change-super-admin-password/change-super-admin-password.command';
import { ChangeSuperAdminPasswordHandler } from '../../application/platform-admin/commands/change-super-admin-password/change-super-admin-password.handler';
import { CreateSuperAdminCommand } from '../../application/platform-admin/commands/create-super-admin/create-super-admin.command';
import { CreateSuperAdminHandler } from '../../application/platform-admin/commands/create-super-admin/create-super-admin.handler';
import { RemoveSuperAdminCommand } from '../../application/platform-admin/commands/remove-super-admin/remove-super-admin.command';
import { RemoveSuperAdminHandler } from '../../application/platform-admin/commands/remove-super-admin/remove-super-admin.handler';
import { ListSuperAdminsHandler } from '../../application/platform-admin/queries/list-super-admins/list-super-admins.handler';
import { ListSuperAdminsQuery } from '../../application/platform-admin/queries/list-super-admins/list-super-admins.query';
import { HandlerRegistration } from '../handler-registry';

/** Platform super-admins over the API (issue 18). */
export const platformAdminHandlers: HandlerRegistration[] = [
  [ListSuperAdminsQuery, ListSuperAdminsHandler],
  [CreateSuperAdminCommand, CreateSuperAdminHandler],
  [RemoveSuperAdminCommand, RemoveSuperAdminHandler],
  [ChangeSuperAdminPasswordCommand, ChangeSuperAdminPasswordHandler],
];
