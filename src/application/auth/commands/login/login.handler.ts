import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordAttemptBudget } from '../../../../domain/auth/password-attempt-budget';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { Email } from '../../../../domain/shared/email';
import { PlatformAdminRepository } from '../../../../domain/platform-admin/platform-admin';
import { DomainError } from '../../../../domain/shared/domain-error';
import { Tenant } from '../../../../domain/tenant/tenant';
import { UserRepository } from '../../../../domain/user/user-repository';
import { MessageHandler } from '../../../shared/message';
import { Telemetry } from '../../../shared/telemetry';
import { accountBusy, accountKey, accountLocked, invalidCredentials } from '../../credentials';
import { attemptPassword } from '../../password-attempt';
import { refuseUnverifiedEmail } from '../../email-verification';
import { SignInAudit, SignInSubject, StartSession } from '../../sign-in-audit';
import { SecondFactorGate } from '../../second-factor/second-factor-gate';
import { LoginCommand, LoginResult } from './login.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

/** Stored password hash of an account, if the email names one that may sign in. */
interface Account {
  passwordHash: string;
  /** What the right password leads to; a session is started with the `startSession` SignInAudit hands it. */
  grant: (startSession: StartSession) => Promise<LoginResult>;
  /** A tenant user, for the audit trail; undefined for a super-admin. */
  subject?: SignInSubject;
}

@injectable()
export class LoginHandler implements MessageHandler<LoginCommand> {
  constructor(
    @inject(TOKENS.PlatformAdminRepository) private readonly admins: PlatformAdminRepository,
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.PasswordAttemptBudget) private readonly attempts: PasswordAttemptBudget,
    @inject(TOKENS.Telemetry) private readonly telemetry: Telemetry,
    @inject(SignInAudit) private readonly signIns: SignInAudit,
    @inject(SecondFactorGate) private readonly secondFactor: SecondFactorGate,
  ) {}

  async execute(command: LoginCommand, origin: RequestOrigin): Promise<LoginResult> {
    let email: Email;
    try {
      email = Email.parse(command.email);
    } catch {
      await this.hasher.verifyDummy(command.password, origin.signal);
      throw invalidCredentials();
    }
    const key = accountKey(command.tenant?.id ?? 'platform', email);
    // An attempt is reserved before any hashing: a locked account costs us nothing, and concurrent guesses
    // cannot all be judged (at most LOGIN_MAX_FAILURES wrong ones per window, see password-attempt.ts).
    const found: { account?: Account } = {};
    const attempt = await attemptPassword(this.attempts, key, async () => {
      found.account = command.tenant ? await this.tenantAccount(command.tenant, email) : await this.platformAccount(email);
      // Same work whether or not the account exists: timing must not reveal registered emails.
      if (found.account) return this.hasher.verify(found.account.passwordHash, command.password, origin.signal);
      await this.hasher.verifyDummy(command.password, origin.signal);
      return false;
    });
    if (attempt.outcome === 'busy') {
      this.telemetry.loginAttempt('locked');
      throw accountBusy();
    }
    if (attempt.outcome !== 'valid' || !found.account) {
      const lockedFor = attempt.outcome === 'valid' ? 0 : attempt.lockedFor;
      this.telemetry.loginAttempt(lockedFor > 0 ? 'locked' : 'failure');
      if (attempt.outcome === 'invalid') this.signIns.failed(command.tenant, found.account?.subject, lockedFor > 0 ? 'LOCKED' : 'WRONG_PASSWORD', origin);
      if (lockedFor > 0) throw accountLocked(lockedFor);
      throw invalidCredentials();
    }
    const account = found.account;
    try {
      const granted = await this.signIns.granting(command.tenant, account.subject, origin, account.grant);
      this.telemetry.loginAttempt('success');
      return granted;
    } catch (error) {
      // The right password, but the tenant's policy refuses the sign-in (an unverified email): not a success.
      if (error instanceof DomainError && error.reason === 'EMAIL_NOT_VERIFIED') this.telemetry.loginAttempt('refused');
      throw error;
    }
  }

  private async tenantAccount(tenant: Tenant, email: Email): Promise<Account | undefined> {
    const user = await this.users.findByEmail(tenant, email);
    // A disabled user is treated exactly like an unknown one.
    if (!user || !user.isActive) return undefined;
    return {
      passwordHash: user.passwordHash,
      subject: { id: user.id, role: user.role },
      grant: async (startSession) => {
        refuseUnverifiedEmail(tenant, user);
        return (await this.secondFactor.challengeFor(tenant, { id: user.id, role: user.role })) ?? { kind: 'user', user, ...(await startSession({ id: user.id, role: user.role })) };
      },
    };
  }

  private async platformAccount(email: Email): Promise<Account | undefined> {
    const admin = await this.admins.findByEmail(email);
    if (!admin) return undefined;
    return {
      passwordHash: admin.passwordHash,
      grant: async (startSession) =>
        (await this.secondFactor.challengeFor('platform', { id: admin.id, role: 'SUPER_ADMIN' })) ?? {
          kind: 'platform-admin',
          admin: { id: admin.id, email: admin.email, name: admin.name },
          ...(await startSession({ id: admin.id, role: 'SUPER_ADMIN' })),
        },
    };
  }
}
