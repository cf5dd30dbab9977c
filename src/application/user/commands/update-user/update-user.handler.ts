import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { DomainEvent } from '../../../../domain/events/domain-event';
import { RefreshTokenStore } from '../../../../domain/auth/refresh-token-store';
import { parseDisplayName } from '../../../../domain/shared/display-name';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { User } from '../../../../domain/user/user';
import { UserManagementPolicy } from '../../../../domain/user/user-management-policy';
import { UserRepository } from '../../../../domain/user/user-repository';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { userNotFound } from '../../user-errors';
import { parseUserId } from '../../user-id';
import { UserReader } from '../../user-reader';
import { UpdateUserCommand } from './update-user.command';

@injectable()
export class UpdateUserHandler implements MessageHandler<UpdateUserCommand> {
  constructor(
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.UserReader) private readonly reader: UserReader,
    @inject(TOKENS.RefreshTokenStore) private readonly sessions: RefreshTokenStore,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: UpdateUserCommand): Promise<User> {
    const { tenant, changes } = command;
    const violations = new FieldViolations();
    const id = violations.capture('user.id', () => parseUserId(command.userId, ''));
    const name = changes.name === undefined ? undefined : violations.capture('user.name', () => parseDisplayName(changes.name!));
    violations.throwIfAny();

    const target = await this.users.findById(tenant, id!);
    if (!target) throw userNotFound(id!);
    UserManagementPolicy.assertMayChange(command.actor, target, changes);
    const keepAnOwner = UserManagementPolicy.removesAnOwner(target, changes);
    const before = { name: target.name, role: target.role, status: target.status };
    if (name !== undefined) target.rename(name);
    if (changes.role !== undefined) target.changeRole(changes.role);
    if (changes.status !== undefined) target.changeStatus(changes.status);

    const events: DomainEvent[] = [];
    if (before.name !== target.name) events.push({ type: 'UserUpdated', targetId: target.id, changedFields: ['name'] });
    if (before.role !== target.role) events.push({ type: 'UserRoleChanged', targetId: target.id, oldRole: before.role, newRole: target.role });
    if (before.status !== target.status) events.push({ type: 'UserStatusChanged', targetId: target.id, oldStatus: before.status, newStatus: target.status });
    const stored = await this.users.update(tenant, target, { keepAnOwner, events });
    await this.reader.invalidate(tenant, target.id);
    if (!stored) throw userNotFound(target.id);
    // A disabled user's sessions end now; their access tokens stop at the account check.
    if (before.status !== 'DISABLED' && stored.status === 'DISABLED') {
      await this.sessions.revokeUserSessions(tenant, stored.id, this.clock.now(), 'USER_DISABLED');
    }
    return stored;
  }
}
