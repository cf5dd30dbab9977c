import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordAttemptBudget } from '../../../../domain/auth/password-attempt-budget';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { accountBusy, accountKey, accountLocked } from '../../../auth/credentials';
import { attemptPassword } from '../../../auth/password-attempt';
import { checkPasswordPolicy } from '../../../../domain/auth/password-policy';
import { DomainError } from '../../../../domain/shared/domain-error';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { UserRepository } from '../../../../domain/user/user-repository';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { callerNotFound } from '../../user-errors';
import { ChangePasswordCommand } from './change-password.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class ChangePasswordHandler implements MessageHandler<ChangePasswordCommand> {
  constructor(
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.PasswordAttemptBudget) private readonly attempts: PasswordAttemptBudget,
  ) {}

  async execute(command: ChangePasswordCommand, origin: RequestOrigin): Promise<void> {
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
    const attempt = await attemptPassword(this.attempts, key, () => this.hasher.verify(user.passwordHash, command.currentPassword, origin.signal));
    if (attempt.outcome === 'busy') throw accountBusy();
    if (attempt.outcome !== 'valid') {
      if (attempt.lockedFor > 0) throw accountLocked(attempt.lockedFor);
      throw DomainError.invalid([{ field: 'current_password', description: 'is not the current password' }]);
    }
    const newHash = await this.hasher.hash(command.newPassword, origin.signal);
    // One unit: the new password and the end of the user's other sessions commit together or not at all.
    await this.units.run(command.tenant, origin, async ({ users, sessions }) => {
      const current = await users.findById(user.id);
      if (!current || !current.isActive) throw callerNotFound();
      // Changed by another call since it was checked: what was verified is no longer the current password.
      if (current.passwordHash !== user.passwordHash) throw DomainError.invalid([{ field: 'current_password', description: 'is not the current password' }]);
      current.changePassword(newHash);
      if (!(await users.save(current))) throw callerNotFound();
      await sessions.revokeUserSessions(current.id, this.clock.now(), 'PASSWORD_CHANGED', command.caller.sessionId);
    });
  }
}
