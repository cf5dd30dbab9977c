import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { DomainError } from '../../../../domain/shared/domain-error';
import { uuidV7 } from '../../../../domain/shared/uuid-v7';
import { User } from '../../../../domain/user/user';
import { UserManagementPolicy } from '../../../../domain/user/user-management-policy';
import { UserRepository } from '../../../../domain/user/user-repository';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { parseNewUser } from '../../new-user';
import { CreateUserCommand } from './create-user.command';

@injectable()
export class CreateUserHandler implements MessageHandler<CreateUserCommand> {
  constructor(
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: CreateUserCommand): Promise<User> {
    if (!command.role) throw DomainError.invalid([{ field: 'role', description: 'must be ROLE_OWNER, ROLE_ADMIN or ROLE_MEMBER' }]);
    UserManagementPolicy.assertMayGrant(command.actor, command.role);
    const input = parseNewUser(command);
    const user = User.register({
      id: uuidV7(),
      email: input.email,
      name: input.name,
      passwordHash: await this.hasher.hash(command.password),
      role: command.role,
      now: this.clock.now(),
    });
    return this.users.insert(command.tenant, user, {
      eventsFor: (stored) => [{ type: 'UserRegistered', targetId: stored.id, email: stored.email.value, role: stored.role, selfSignUp: false }],
    });
  }
}
