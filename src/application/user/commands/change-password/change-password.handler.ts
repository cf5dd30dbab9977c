import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordAttemptBudget } from '../../../../domain/auth/password-attempt-budget';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { accountBusy, accountKey, accountLocked } from '../../../auth/credentials';
import { attemptPassword } from '../../../auth/password-attempt';
import { checkPasswordPolicy } from '../../../../domain/auth/password-policy';
import { RefreshTokenStore } from '../../../../domain/auth/refresh-token-store';
import { DomainError } from '../../../../domain/shared/domain-error';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { UserRepository } from '../../../../domain/user/user-repository';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { callerNotFound } from '../../user-errors';
import { ChangePasswordCommand } from './change-password.command';

@injectable()
export class ChangePasswordHandler implements MessageHandler<ChangePasswordCommand> {
  constructor(
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.RefreshTokenStore) private readonly sessions: RefreshTokenStore,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.PasswordAttemptBudget) private readonly attempts: PasswordAttemptBudget,
  ) {}

  async execute(command: ChangePasswordCommand): Promise<void> {
    const violations = new FieldViolations();
    if (command.currentPassword === '') violations.add('current_password', 'is required');
    violations.capture('new_password', () => checkPasswordPolicy(command.newPassword));
    if (command.newPassword !== '' && command.newPassword === command.currentPassword) violations.add('new_password', 'must differ from the current password');
    violations.throwIfAny();

    const user = await this.users.findById(command.tenant, command.caller.subject);
    if (!user || !user.isActive) throw callerNotFound();
    // Wrong current passwords count as failed logins of the account: a stolen access token cannot be used
    // to guess the password without limit, and the lockout covers both doors. The attempt is reserved before
    // hashing, so concurrent guesses share the same budget.
    const key = accountKey(command.tenant.id, user.email);
    const attempt = await attemptPassword(this.attempts, key, () => this.hasher.verify(user.passwordHash, command.currentPassword));
    if (attempt.outcome === 'busy') throw accountBusy();
    if (attempt.outcome !== 'valid') {
      if (attempt.lockedFor > 0) throw accountLocked(attempt.lockedFor);
      throw DomainError.invalid([{ field: 'current_password', description: 'is not the current password' }]);
    }
    user.changePassword(await this.hasher.hash(command.newPassword));
    if (!(await this.users.update(command.tenant, user, { events: [{ type: 'PasswordChanged', targetId: user.id }] }))) throw callerNotFound();
    await this.sessions.revokeUserSessions(command.tenant, user.id, this.clock.now(), 'PASSWORD_CHANGED', command.caller.sessionId);
  }
}
