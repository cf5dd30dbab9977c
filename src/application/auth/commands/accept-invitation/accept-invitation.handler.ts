import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { checkPasswordPolicy } from '../../../../domain/auth/password-policy';
import { parseDisplayName } from '../../../../domain/shared/display-name';
import { DomainError } from '../../../../domain/shared/domain-error';
import { Email } from '../../../../domain/shared/email';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { uuidV7 } from '../../../../domain/shared/uuid-v7';
import { Invitation, invitationState } from '../../../../domain/user/invitation';
import { User } from '../../../../domain/user/user';
import { Clock } from '../../../shared/clock';
import { MessageHandler, ResultOf } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { hashOneTimeToken } from '../../one-time-token';
import { SessionIssuer } from '../../session-issuer';
import { AcceptInvitationCommand } from './accept-invitation.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

/** The one reason for each way a presented invitation is refused. */
function refused(invitation: Invitation | undefined, now: Date): DomainError | undefined {
  if (!invitation) return DomainError.unauthenticated('INVITATION_TOKEN_INVALID', 'this invitation link is not valid in this tenant');
  switch (invitationState(invitation, now)) {
    case 'ACCEPTED':
      return DomainError.unauthenticated('INVITATION_USED', 'this invitation was already accepted; sign in instead');
    case 'REVOKED':
      return DomainError.unauthenticated('INVITATION_REVOKED', 'this invitation was revoked; ask for a new one');
    case 'EXPIRED':
      return DomainError.unauthenticated('INVITATION_EXPIRED', 'this invitation has expired; ask for a new one');
    case 'PENDING':
      return undefined;
  }
}

@injectable()
export class AcceptInvitationHandler implements MessageHandler<AcceptInvitationCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(SessionIssuer) private readonly sessions: SessionIssuer,
  ) {}

  async execute(command: AcceptInvitationCommand, origin: RequestOrigin): Promise<ResultOf<AcceptInvitationCommand>> {
    const { tenant } = command;
    const violations = new FieldViolations();
    if (command.token.length === 0) violations.add('token', 'is required (the code from the invitation message)');
    else if (command.token.length > 256) violations.add('token', 'must be at most 256 characters');
    violations.capture('password', () => checkPasswordPolicy(command.password));
    const chosenName = command.name === '' ? undefined : violations.capture('name', () => parseDisplayName(command.name));
    violations.throwIfAny();
    const tokenHash = hashOneTimeToken(command.token);
    // Checked before hashing the password: a guessed token costs a lookup, not an argon2 hash.
    const problem = await this.units.run(tenant, origin, async ({ invitations }) => refused(await invitations.findByTokenHash(tokenHash), this.clock.now()));
    if (problem) throw problem;
    const passwordHash = await this.hasher.hash(command.password, origin.signal);
    const user = await this.units.run(tenant, origin, async ({ invitations, users }) => {
      const now = this.clock.now();
      const invitation = await invitations.findByTokenHash(tokenHash); // locked until the unit ends
      const again = refused(invitation, now);
      if (again) throw again;
      const email = Email.parse(invitation!.email);
      const created = User.register({ id: uuidV7(), email, name: chosenName ?? invitation!.name, passwordHash, role: invitation!.role, now, selfSignUp: false });
      // The link reached this address: it is verified.
      created.verifyEmail(now);
      await users.add(created);
      await invitations.markAccepted(invitation!.id, created.id, now);
      return created;
    });
    return { user, ...(await this.sessions.start(tenant, { id: user.id, role: user.role }, origin)) };
  }
}
