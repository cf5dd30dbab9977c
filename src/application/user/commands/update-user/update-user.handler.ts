import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { parseDisplayName } from '../../../../domain/shared/display-name';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { User } from '../../../../domain/user/user';
import { UserManagementPolicy } from '../../../../domain/user/user-management-policy';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { userNotFound } from '../../user-errors';
import { parseUserId } from '../../user-id';
import { UpdateUserCommand } from './update-user.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class UpdateUserHandler implements MessageHandler<UpdateUserCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: UpdateUserCommand, origin: RequestOrigin): Promise<User> {
    const { tenant, changes } = command;
    const violations = new FieldViolations();
    const id = violations.capture('user.id', () => parseUserId(command.userId, ''));
    const name = changes.name === undefined ? undefined : violations.capture('user.name', () => parseDisplayName(changes.name!));
    violations.throwIfAny();

    return this.units.run(tenant, origin, async ({ users, sessions }) => {
      const target = await users.findById(id!);
      if (!target) throw userNotFound(id!);
      UserManagementPolicy.assertMayChange(command.actor, target, changes);
      const disabling = target.isActive && changes.status === 'DISABLED';
      if (name !== undefined) target.rename(name);
      if (changes.role !== undefined) target.changeRole(changes.role);
      if (changes.status !== undefined) target.changeStatus(changes.status);
      const stored = await users.save(target);
      if (!stored) throw userNotFound(target.id);
      // A disabled user's sessions end with the change; their access tokens stop at the account check.
      if (disabling) await sessions.revokeUserSessions(target.id, this.clock.now(), 'USER_DISABLED');
      return stored;
    });
  }
}
