import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { DomainError } from '../../../../domain/shared/domain-error';
import { uuidV7 } from '../../../../domain/shared/uuid-v7';
import { User } from '../../../../domain/user/user';
import { UserManagementPolicy } from '../../../../domain/user/user-management-policy';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { parseNewUser } from '../../new-user';
import { CreateUserCommand } from './create-user.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';
import { EmailVerificationMail } from '../../../auth/email-verification';

@injectable()
export class CreateUserHandler implements MessageHandler<CreateUserCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(EmailVerificationMail) private readonly verification: EmailVerificationMail,
  ) {}

  async execute(command: CreateUserCommand, origin: RequestOrigin): Promise<User> {
    if (!command.role) throw DomainError.invalid([{ field: 'role', description: 'must be ROLE_OWNER, ROLE_ADMIN or ROLE_MEMBER' }]);
    UserManagementPolicy.assertMayGrant(command.actor, command.role);
    const input = parseNewUser(command);
    const user = User.register({
      id: uuidV7(),
      email: input.email,
      name: input.name,
      passwordHash: await this.hasher.hash(command.password, origin.signal),
      role: command.role,
      now: this.clock.now(),
      selfSignUp: false,
    });
    await this.units.run(command.tenant, origin, async ({ users, tokens, mail }) => {
      await users.add(user);
      await this.verification.queue({ tokens, mail }, command.tenant, user);
    });
    return user;
  }
}
