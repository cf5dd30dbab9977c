import { inject, injectable } from 'inversify';
import { AppConfig } from '../../../../config/config';
import { TOKENS } from '../../../../di/tokens';
import { parseDisplayName } from '../../../../domain/shared/display-name';
import { DomainError } from '../../../../domain/shared/domain-error';
import { Email } from '../../../../domain/shared/email';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { uuidV7 } from '../../../../domain/shared/uuid-v7';
import { Invitation } from '../../../../domain/user/invitation';
import { UserManagementPolicy } from '../../../../domain/user/user-management-policy';
import { newOneTimeToken } from '../../../auth/one-time-token';
import { AppLinks } from '../../../mail/app-links';
import { renderMail } from '../../../mail/mail-templates';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { InviteUserCommand } from './invite-user.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

@injectable()
export class InviteUserHandler implements MessageHandler<InviteUserCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.AppLinks) private readonly links: AppLinks,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: AppConfig,
  ) {}

  async execute(command: InviteUserCommand, origin: RequestOrigin): Promise<Invitation> {
    const { tenant } = command;
    if (!command.role) throw DomainError.invalid([{ field: 'role', description: 'must be ROLE_OWNER, ROLE_ADMIN or ROLE_MEMBER' }]);
    UserManagementPolicy.assertMayGrant(command.actor, command.role);
    const violations = new FieldViolations();
    const email = violations.capture('email', () => Email.parse(command.email));
    const name = violations.capture('name', () => parseDisplayName(command.name));
    violations.throwIfAny();
    const role = command.role;
    const { token, hash } = newOneTimeToken();
    const ttlHours = this.config.invitations.ttlHours;
    return this.units.run(tenant, origin, async ({ users, invitations, mail }) => {
      if (await users.findByEmail(email!)) throw DomainError.alreadyExists('EMAIL_TAKEN', 'a user with this email already exists in this tenant');
      const now = this.clock.now();
      const invitation = await invitations.create(
        { id: uuidV7(), email: email!.value, emailNormalized: email!.normalized, name: name!, role, tokenHash: hash, invitedBy: command.actor.subject, expiresAt: new Date(now.getTime() + ttlHours * 3_600_000) },
        now,
      );
      const message = renderMail({ kind: 'INVITATION', tenantName: tenant.displayName, recipientName: name!, role, link: this.links.link(tenant.slug, '/accept-invitation', token), token, validHours: ttlHours });
      await mail.enqueue({ ...message, to: email!.value });
      return invitation;
    });
  }
}
