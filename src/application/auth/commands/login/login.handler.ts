import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { LoginThrottle } from '../../../../domain/auth/login-throttle';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { Email } from '../../../../domain/shared/email';
import { PlatformAdminRepository } from '../../../../domain/platform-admin/platform-admin';
import { Tenant } from '../../../../domain/tenant/tenant';
import { UserRepository } from '../../../../domain/user/user-repository';
import { MessageHandler } from '../../../shared/message';
import { Telemetry } from '../../../shared/telemetry';
import { accountKey, accountLocked, invalidCredentials } from '../../credentials';
import { SessionIssuer } from '../../session-issuer';
import { LoginCommand, LoginResult } from './login.command';

/** Stored password hash of an account, if the email names one that may sign in. */
interface Account {
  passwordHash: string;
  grant: () => Promise<LoginResult>;
}

@injectable()
export class LoginHandler implements MessageHandler<LoginCommand> {
  constructor(
    @inject(TOKENS.PlatformAdminRepository) private readonly admins: PlatformAdminRepository,
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.LoginThrottle) private readonly throttle: LoginThrottle,
    @inject(SessionIssuer) private readonly sessions: SessionIssuer,
    @inject(TOKENS.Telemetry) private readonly telemetry: Telemetry,
  ) {}

  async execute(command: LoginCommand): Promise<LoginResult> {
    let email: Email;
    try {
      email = Email.parse(command.email);
    } catch {
      await this.hasher.verifyDummy(command.password);
      throw invalidCredentials();
    }
    const key = accountKey(command.tenant?.id ?? 'platform', email);
    // A locked account is refused before any hashing: a brute-force run costs us nothing more.
    const locked = await this.throttle.lockedFor(key);
    if (locked > 0) {
      this.telemetry.loginAttempt('locked');
      throw accountLocked(locked);
    }

    const account = command.tenant ? await this.tenantAccount(command.tenant, email) : await this.platformAccount(email);
    // Same work whether or not the account exists: timing must not reveal registered emails.
    let valid = false;
    if (account) valid = await this.hasher.verify(account.passwordHash, command.password);
    else await this.hasher.verifyDummy(command.password);
    if (!account || !valid) {
      const lockedNow = await this.throttle.recordFailure(key);
      this.telemetry.loginAttempt(lockedNow > 0 ? 'locked' : 'failure');
      if (lockedNow > 0) throw accountLocked(lockedNow);
      throw invalidCredentials();
    }
    await this.throttle.reset(key);
    this.telemetry.loginAttempt('success');
    return account.grant();
  }

  private async tenantAccount(tenant: Tenant, email: Email): Promise<Account | undefined> {
    const user = await this.users.findByEmail(tenant, email);
    // A disabled user is treated exactly like an unknown one.
    if (!user || !user.isActive) return undefined;
    return {
      passwordHash: user.passwordHash,
      grant: async () => ({ kind: 'user', user, ...(await this.sessions.start(tenant, { id: user.id, role: user.role })) }),
    };
  }

  private async platformAccount(email: Email): Promise<Account | undefined> {
    const admin = await this.admins.findByEmail(email);
    if (!admin) return undefined;
    return {
      passwordHash: admin.passwordHash,
      grant: async () => ({
        kind: 'platform-admin',
        admin: { id: admin.id, email: admin.email, name: admin.name },
        ...(await this.sessions.start('platform', { id: admin.id, role: 'SUPER_ADMIN' })),
      }),
    };
  }
}
