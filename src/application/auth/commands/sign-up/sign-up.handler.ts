import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { DomainError } from '../../../../domain/shared/domain-error';
import { MessageHandler, ResultOf } from '../../../shared/message';
import { Clock } from '../../../shared/clock';
import { UserRepository } from '../../../../domain/user/user-repository';
import { User } from '../../../../domain/user/user';
import { uuidV7 } from '../../../../domain/shared/uuid-v7';
import { parseNewUser } from '../../../user/new-user';
import { SessionIssuer } from '../../session-issuer';
import { SignUpCommand } from './sign-up.command';

@injectable()
export class SignUpHandler implements MessageHandler<SignUpCommand> {
  constructor(
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(SessionIssuer) private readonly sessions: SessionIssuer,
  ) {}

  async execute(command: SignUpCommand): Promise<ResultOf<SignUpCommand>> {
    const { tenant } = command;
    const input = parseNewUser({ email: command.email, password: command.password, name: command.name });
    if (!tenant.selfSignUpEnabled) {
      throw DomainError.permissionDenied('SIGN_UP_DISABLED', `tenant '${tenant.slug}' does not allow self sign-up; ask an administrator for an account`);
    }
    const candidate = User.register({
      id: uuidV7(),
      email: input.email,
      name: input.name,
      passwordHash: await this.hasher.hash(command.password),
      role: 'MEMBER',
      now: this.clock.now(),
    });
    const user = await this.users.insert(tenant, candidate, {
      roleIfFirst: 'OWNER',
      eventsFor: (stored) => [{ type: 'UserRegistered', targetId: stored.id, email: stored.email.value, role: stored.role, selfSignUp: true }],
    });
    return { user, ...(await this.sessions.start(tenant, { id: user.id, role: user.role })) };
  }
}
