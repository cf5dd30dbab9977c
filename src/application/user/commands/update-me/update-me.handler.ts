import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { DomainEvent } from '../../../../domain/events/domain-event';
import { parseDisplayName } from '../../../../domain/shared/display-name';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { User } from '../../../../domain/user/user';
import { UserRepository } from '../../../../domain/user/user-repository';
import { MessageHandler } from '../../../shared/message';
import { callerNotFound } from '../../user-errors';
import { UserReader } from '../../user-reader';
import { UpdateMeCommand } from './update-me.command';

@injectable()
export class UpdateMeHandler implements MessageHandler<UpdateMeCommand> {
  constructor(
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.UserReader) private readonly reader: UserReader,
  ) {}

  async execute(command: UpdateMeCommand): Promise<User> {
    const violations = new FieldViolations();
    const name = command.changes.name === undefined ? undefined : violations.capture('user.name', () => parseDisplayName(command.changes.name!));
    violations.throwIfAny();

    const user = await this.users.findById(command.tenant, command.caller.subject);
    if (!user || !user.isActive) throw callerNotFound();
    const before = user.name;
    if (name !== undefined) user.rename(name);
    const events: DomainEvent[] = before !== user.name ? [{ type: 'UserUpdated', targetId: user.id, changedFields: ['name'] }] : [];
    const stored = await this.users.update(command.tenant, user, { events });
    await this.reader.invalidate(command.tenant, user.id);
    if (!stored) throw callerNotFound();
    return stored;
  }
}
