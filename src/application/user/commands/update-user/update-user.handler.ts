import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { parseDisplayName } from '../../../../domain/shared/display-name';
import { Email } from '../../../../domain/shared/email';
import { EmailVerificationMail } from '../../../auth/email-verification';
import { maskEmail, renderMail } from '../../../mail/mail-templates';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { User } from '../../../../domain/user/user';
import { UserManagementPolicy } from '../../../../domain/user/user-management-policy';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { userNotFound } from '../../user-errors';
import { parseUserId } from '../../user-id';
import { UpdateUserCommand } from './update-user.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class UpdateUserHandler implements MessageHandler<UpdateUserCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(EmailVerificationMail) private readonly verification: EmailVerificationMail,
  ) {}

  async execute(command: UpdateUserCommand, origin: RequestOrigin): Promise<User> {
    const { tenant, changes } = command;
    const violations = new FieldViolations();
    const id = violations.capture('user.id', () => parseUserId(command.userId, ''));
    const name = changes.name === undefined ? undefined : violations.capture('user.name', () => parseDisplayName(changes.name!));
    const email = changes.email === undefined ? undefined : violations.capture('user.email', () => Email.parse(changes.email!));
    violations.throwIfAny();

    return this.units.run(tenant, origin, async ({ users, sessions, tokens, mail }) => {
      const target = await users.findById(id!);
      if (!target) throw userNotFound(id!);
      UserManagementPolicy.assertMayChange(command.actor, target, changes);
      const disabling = target.isActive && changes.status === 'DISABLED';
      if (name !== undefined) target.rename(name);
      const oldAddress = target.email.value;
      const emailChange = email === undefined ? 'unchanged' : target.changeEmail(email);
      if (changes.role !== undefined) target.changeRole(changes.role);
      if (changes.status !== undefined) target.changeStatus(changes.status);
      const stored = await users.save(target);
      if (!stored) throw userNotFound(target.id);
      // A disabled user's sessions end with the change; their access tokens stop at the account check.
      if (disabling) await sessions.revokeUserSessions(target.id, this.clock.now(), 'USER_DISABLED');
      if (emailChange === 'new-address') {
        // Links mailed to the old address (a reset, a verification) stop working; the new one must prove itself.
        await tokens.supersedeAll(target.id, this.clock.now());
        if (stored.isActive) {
          await this.verification.queue({ tokens, mail }, tenant, stored);
          const notice = renderMail({ kind: 'EMAIL_CHANGED', tenantName: tenant.displayName, recipientName: stored.name, maskedNewAddress: maskEmail(stored.email.value) });
          await mail.enqueue({ ...notice, to: oldAddress });
        }
      }
      return stored;
    });
  }
}
