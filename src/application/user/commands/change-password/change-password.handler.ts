import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordAttemptBudget } from '../../../../domain/auth/password-attempt-budget';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { accountKey } from '../../../auth/credentials';
import { checkPasswordChangeFields, notCurrentPassword, verifyCurrentPassword } from '../../../auth/password-change';
import { checkPasswordPolicy } from '../../../../domain/auth/password-policy';
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
    checkPasswordChangeFields(command.currentPassword, command.newPassword, checkPasswordPolicy);

    const user = await this.users.findById(command.tenant, command.caller.subject);
    if (!user || !user.isActive) throw callerNotFound();
    // Reserved before hashing, so concurrent guesses share the account's budget with Login.
    await verifyCurrentPassword(this.attempts, this.hasher, accountKey(command.tenant.id, user.email), user.passwordHash, command.currentPassword, origin.signal);
    const newHash = await this.hasher.hash(command.newPassword, origin.signal);
    // One unit: the new password and the end of the user's other sessions commit together or not at all.
    await this.units.run(command.tenant, origin, async ({ users, sessions }) => {
      const current = await users.findById(user.id);
      if (!current || !current.isActive) throw callerNotFound();
      // Changed by another call since it was checked: what was verified is no longer the current password.
      if (current.passwordHash !== user.passwordHash) throw notCurrentPassword();
      current.changePassword(newHash);
      if (!(await users.save(current))) throw callerNotFound();
      await sessions.revokeUserSessions(current.id, this.clock.now(), 'PASSWORD_CHANGED', command.caller.sessionId);
    });
  }
}
