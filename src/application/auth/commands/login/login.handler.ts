import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { AccessTokenIssuer } from '../../../../domain/auth/access-token-issuer';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { DomainError } from '../../../../domain/shared/domain-error';
import { Email } from '../../../../domain/shared/email';
import { PlatformAdminRepository } from '../../../../domain/platform-admin/platform-admin';
import { MessageHandler } from '../../../shared/message';
import { LoginCommand, LoginResult } from './login.command';

/** One answer for every failed login, so it never tells which part was wrong or whether the email exists. */
const INVALID_CREDENTIALS = () => DomainError.unauthenticated('INVALID_CREDENTIALS', 'email or password is incorrect');

@injectable()
export class LoginHandler implements MessageHandler<LoginCommand> {
  constructor(
    @inject(TOKENS.PlatformAdminRepository) private readonly admins: PlatformAdminRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.AccessTokenIssuer) private readonly tokens: AccessTokenIssuer,
  ) {}

  async execute(command: LoginCommand): Promise<LoginResult> {
    if (command.tenant) {
      throw new DomainError('UNIMPLEMENTED', 'NOT_IMPLEMENTED', 'login of tenant users is not implemented yet');
    }
    let email: Email;
    try {
      email = Email.parse(command.email);
    } catch {
      await this.hasher.verifyDummy(command.password);
      throw INVALID_CREDENTIALS();
    }
    const admin = await this.admins.findByEmail(email);
    // Same work whether or not the account exists: timing must not reveal registered emails.
    if (!admin) {
      await this.hasher.verifyDummy(command.password);
      throw INVALID_CREDENTIALS();
    }
    if (!(await this.hasher.verify(admin.passwordHash, command.password))) throw INVALID_CREDENTIALS();
    return {
      accessToken: this.tokens.issue({ subject: admin.id, role: 'SUPER_ADMIN' }),
      subject: { kind: 'platform-admin', id: admin.id, email: admin.email, name: admin.name },
    };
  }
}
