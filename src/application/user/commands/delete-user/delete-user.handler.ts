import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { UserManagementPolicy } from '../../../../domain/user/user-management-policy';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { userNotFound } from '../../user-errors';
import { parseUserId } from '../../user-id';
import { DeleteUserCommand } from './delete-user.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class DeleteUserHandler implements MessageHandler<DeleteUserCommand> {
  constructor(@inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork) {}

  async execute(command: DeleteUserCommand, origin: RequestOrigin): Promise<void> {
    const id = parseUserId(command.userId, 'user_id');
    await this.units.run(command.tenant, origin, async ({ users }) => {
      const target = await users.findById(id);
      if (!target) throw userNotFound(id);
      UserManagementPolicy.assertMayChange(command.actor, target, { delete: true });
      // Refresh tokens cascade with the user row (same statement); access tokens stop at the account check.
      target.remove();
      if (!(await users.save(target))) throw userNotFound(id);
    });
  }
}
