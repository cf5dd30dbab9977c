import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { DomainError } from '../../../../domain/shared/domain-error';
import { MessageHandler, ResultOf } from '../../../shared/message';
import { Clock } from '../../../shared/clock';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { User } from '../../../../domain/user/user';
import { uuidV7 } from '../../../../domain/shared/uuid-v7';
import { parseNewUser } from '../../../user/new-user';
import { SessionIssuer } from '../../session-issuer';
import { EmailVerificationMail } from '../../email-verification';
import { SignUpCommand } from './sign-up.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class SignUpHandler implements MessageHandler<SignUpCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(SessionIssuer) private readonly sessions: SessionIssuer,
    @inject(EmailVerificationMail) private readonly verification: EmailVerificationMail,
  ) {}

  async execute(command: SignUpCommand, origin: RequestOrigin): Promise<ResultOf<SignUpCommand>> {
    const { tenant } = command;
    const input = parseNewUser({ email: command.email, password: command.password, name: command.name });
    if (!tenant.selfSignUpEnabled) {
      throw DomainError.permissionDenied('SIGN_UP_DISABLED', `tenant '${tenant.slug}' does not allow self sign-up; ask an administrator for an account`);
    }
    const passwordHash = await this.hasher.hash(command.password, origin.signal);
    const user = await this.units.run(tenant, origin, async ({ users, tokens, mail }) => {
      // The first user of a tenant owns it (decided under a lock: of two concurrent first sign-ups, one).
      const role = (await users.claimFirstUser()) ? 'OWNER' : 'MEMBER';
      const registered = User.register({ id: uuidV7(), email: input.email, name: input.name, passwordHash, role, now: this.clock.now(), selfSignUp: true });
      await users.add(registered);
      await this.verification.queue({ tokens, mail }, tenant, registered);
      return registered;
    });
    return { user, ...(await this.sessions.start(tenant, { id: user.id, role: user.role }, origin)) };
  }
}
