import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { UserManagementPolicy } from '../../../../domain/user/user-management-policy';
import { UserRepository } from '../../../../domain/user/user-repository';
import { MessageHandler } from '../../../shared/message';
import { userNotFound } from '../../user-errors';
import { parseUserId } from '../../user-id';
import { UserReader } from '../../user-reader';
import { DeleteUserCommand } from './delete-user.command';

@injectable()
export class DeleteUserHandler implements MessageHandler<DeleteUserCommand> {
  constructor(
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.UserReader) private readonly reader: UserReader,
  ) {}

  async execute(command: DeleteUserCommand): Promise<void> {
    const id = parseUserId(command.userId, 'user_id');
    const target = await this.users.findById(command.tenant, id);
    if (!target) throw userNotFound(id);
    UserManagementPolicy.assertMayChange(command.actor, target, { delete: true });
    // Refresh tokens cascade with the user row; access tokens stop at the account check.
    const deleted = await this.users.delete(command.tenant, id, {
      keepAnOwner: UserManagementPolicy.removesAnOwner(target, { delete: true }),
      events: [{ type: 'UserDeleted', targetId: id }],
    });
    await this.reader.invalidate(command.tenant, id);
    if (!deleted) throw userNotFound(id);
  }
}
