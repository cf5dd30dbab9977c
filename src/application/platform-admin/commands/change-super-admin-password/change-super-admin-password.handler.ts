import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordAttemptBudget } from '../../../../domain/auth/password-attempt-budget';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { checkSuperAdminPasswordPolicy, PlatformAdminRepository } from '../../../../domain/platform-admin/platform-admin';
import { Email } from '../../../../domain/shared/email';
import { RequestOrigin } from '../../../../domain/shared/request-origin';
import { accountKey } from '../../../auth/credentials';
import { checkPasswordChangeFields, notCurrentPassword, verifyCurrentPassword } from '../../../auth/password-change';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { callerNotFound } from '../../../user/user-errors';
import { ChangeSuperAdminPasswordCommand } from './change-super-admin-password.command';

/** UserService.ChangePassword's rules for a super-admin: the same budget of attempts as Login, one unit. */
@injectable()
export class ChangeSuperAdminPasswordHandler implements MessageHandler<ChangeSuperAdminPasswordCommand> {
  constructor(
    @inject(TOKENS.PlatformAdminRepository) private readonly admins: PlatformAdminRepository,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.PasswordAttemptBudget) private readonly attempts: PasswordAttemptBudget,
  ) {}

  async execute(command: ChangeSuperAdminPasswordCommand, origin: RequestOrigin): Promise<void> {
    checkPasswordChangeFields(command.currentPassword, command.newPassword, checkSuperAdminPasswordPolicy);

    const admin = await this.admins.findById(command.caller.subject);
    if (!admin) throw callerNotFound();
    // Wrong current passwords count as failed sign-ins of the account (the key Login uses for super-admins).
    await verifyCurrentPassword(this.attempts, this.hasher, accountKey('platform', Email.parse(admin.email)), admin.passwordHash, command.currentPassword, origin.signal);
    const newHash = await this.hasher.hash(command.newPassword, origin.signal);
    // One unit: the new password and the end of the caller's other sessions commit together or not at all.
    await this.units.run('platform', origin, async ({ admins, sessions }) => {
      const current = await admins.findById(admin.id);
      if (!current) throw callerNotFound();
      // Changed by another call since it was checked: what was verified is no longer the current password.
      if (current.passwordHash !== admin.passwordHash) throw notCurrentPassword();
      current.changePassword(newHash);
      if (!(await admins.save(current))) throw callerNotFound();
      await sessions.revokeUserSessions(current.id, this.clock.now(), 'PASSWORD_CHANGED', command.caller.sessionId);
    });
  }
}
