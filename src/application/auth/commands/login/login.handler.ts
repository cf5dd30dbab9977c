import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordAttemptBudget } from '../../../../domain/auth/password-attempt-budget';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { Email } from '../../../../domain/shared/email';
import { PlatformAdminRepository } from '../../../../domain/platform-admin/platform-admin';
import { Tenant } from '../../../../domain/tenant/tenant';
import { UserRepository } from '../../../../domain/user/user-repository';
import { MessageHandler } from '../../../shared/message';
import { Telemetry } from '../../../shared/telemetry';
import { accountBusy, accountKey, accountLocked, invalidCredentials } from '../../credentials';
import { attemptPassword } from '../../password-attempt';
import { SessionIssuer } from '../../session-issuer';
import { SecondFactorGate } from '../../second-factor/second-factor-gate';
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
    @inject(TOKENS.PasswordAttemptBudget) private readonly attempts: PasswordAttemptBudget,
    @inject(SessionIssuer) private readonly sessions: SessionIssuer,
    @inject(TOKENS.Telemetry) private readonly telemetry: Telemetry,
    @inject(SecondFactorGate) private readonly secondFactor: SecondFactorGate,
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
    // An attempt is reserved before any hashing: a locked account costs us nothing, and concurrent guesses
    // cannot all be judged (at most LOGIN_MAX_FAILURES wrong ones per window, see password-attempt.ts).
    const found: { account?: Account } = {};
    const attempt = await attemptPassword(this.attempts, key, async () => {
      found.account = command.tenant ? await this.tenantAccount(command.tenant, email) : await this.platformAccount(email);
      // Same work whether or not the account exists: timing must not reveal registered emails.
      if (found.account) return this.hasher.verify(found.account.passwordHash, command.password);
      await this.hasher.verifyDummy(command.password);
      return false;
    });
    if (attempt.outcome === 'busy') {
      this.telemetry.loginAttempt('locked');
      throw accountBusy();
    }
    if (attempt.outcome !== 'valid' || !found.account) {
      const lockedFor = attempt.outcome === 'valid' ? 0 : attempt.lockedFor;
      this.telemetry.loginAttempt(lockedFor > 0 ? 'locked' : 'failure');
      if (lockedFor > 0) throw accountLocked(lockedFor);
      throw invalidCredentials();
    }
    const account = found.account;
    this.telemetry.loginAttempt('success');
    return account.grant();
  }

  private async tenantAccount(tenant: Tenant, email: Email): Promise<Account | undefined> {
    const user = await this.users.findByEmail(tenant, email);
    // A disabled user is treated exactly like an unknown one.
    if (!user || !user.isActive) return undefined;
    return {
      passwordHash: user.passwordHash,
      grant: async () =>
        (await this.secondFactor.challengeFor(tenant, user.id)) ?? { kind: 'user', user, ...(await this.sessions.start(tenant, { id: user.id, role: user.role })) },
    };
  }

  private async platformAccount(email: Email): Promise<Account | undefined> {
    const admin = await this.admins.findByEmail(email);
    if (!admin) return undefined;
    return {
      passwordHash: admin.passwordHash,
      grant: async () =>
        (await this.secondFactor.challengeFor('platform', admin.id)) ?? {
          kind: 'platform-admin',
          admin: { id: admin.id, email: admin.email, name: admin.name },
          ...(await this.sessions.start('platform', { id: admin.id, role: 'SUPER_ADMIN' })),
        },
    };
  }
}
