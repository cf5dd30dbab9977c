import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { parseDisplayName } from '../../../../domain/shared/display-name';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { User } from '../../../../domain/user/user';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { callerNotFound } from '../../user-errors';
import { UpdateMeCommand } from './update-me.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class UpdateMeHandler implements MessageHandler<UpdateMeCommand> {
  constructor(@inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork) {}

  async execute(command: UpdateMeCommand, origin: RequestOrigin): Promise<User> {
    const violations = new FieldViolations();
    const name = command.changes.name === undefined ? undefined : violations.capture('user.name', () => parseDisplayName(command.changes.name!));
    violations.throwIfAny();

    return this.units.run(command.tenant, origin, async ({ users }) => {
      const user = await users.findById(command.caller.subject);
      if (!user || !user.isActive) throw callerNotFound();
      if (name !== undefined) user.rename(name);
      const stored = await users.save(user);
      if (!stored) throw callerNotFound();
      return stored;
    });
  }
}
