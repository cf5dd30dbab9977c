import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { AccountTokenState } from '../../../../domain/auth/account-token';
import { PasswordAttemptBudget } from '../../../../domain/auth/password-attempt-budget';
import { PasswordHasher } from '../../../../domain/auth/password-hasher';
import { checkPasswordPolicy } from '../../../../domain/auth/password-policy';
import { DomainError } from '../../../../domain/shared/domain-error';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { accountKey } from '../../credentials';
import { hashOneTimeToken } from '../../one-time-token';
import { ResetPasswordCommand } from './reset-password.command';
import { RequestOrigin, asActor } from '../../../../domain/shared/request-origin';

/** The one reason for each way a presented reset token is refused. */
export function resetTokenRefused(state: Exclude<AccountTokenState['kind'], 'live'> | 'inactive'): DomainError {
  switch (state) {
    case 'expired':
      return DomainError.unauthenticated('RESET_TOKEN_EXPIRED', 'this password reset link has expired; request a new one');
    case 'used':
      return DomainError.unauthenticated('RESET_TOKEN_USED', 'this password reset link was already used; request a new one if needed');
    case 'superseded':
      return DomainError.unauthenticated('RESET_TOKEN_SUPERSEDED', 'a newer password reset was requested, or the account\'s email changed, since this link was sent; use the link of the latest message, or ask for a new one');
    case 'unknown':
    case 'inactive':
      return DomainError.unauthenticated('RESET_TOKEN_INVALID', 'this password reset link is not valid in this tenant; request a new one');
  }
}

@injectable()
export class ResetPasswordHandler implements MessageHandler<ResetPasswordCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.PasswordAttemptBudget) private readonly attempts: PasswordAttemptBudget,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: ResetPasswordCommand, origin: RequestOrigin): Promise<void> {
    const { tenant } = command;
    const violations = new FieldViolations();
    if (command.token.length === 0) violations.add('token', 'is required (the code from the password reset message)');
    else if (command.token.length > 256) violations.add('token', 'must be at most 256 characters');
    violations.capture('new_password', () => checkPasswordPolicy(command.newPassword));
    violations.throwIfAny();
    const tokenHash = hashOneTimeToken(command.token);
    // Checked before hashing the new password: a guessed token costs a lookup, not an argon2 hash.
    const state = await this.units.run(tenant, origin, ({ tokens }) => tokens.inspect('PASSWORD_RESET', tokenHash, this.clock.now()));
    if (state.kind !== 'live') throw resetTokenRefused(state.kind);
    const passwordHash = await this.hasher.hash(command.newPassword, origin.signal);
    // The audit trail names the account as the actor of its reset.
    const user = await this.units.run(tenant, asActor(origin, state.userId, undefined), async ({ tokens, users, sessions }) => {
      const now = this.clock.now();
      const claimed = await tokens.claim('PASSWORD_RESET', tokenHash, now);
      if (claimed.kind !== 'live') throw resetTokenRefused(claimed.kind);
      const found = await users.findById(claimed.userId);
      // Disabled (or deleted) since the mail was sent: the unit rolls back, the token is not spent.
      if (!found || !found.isActive) throw resetTokenRefused('inactive');
      found.resetPassword(passwordHash);
      await users.save(found);
      await sessions.revokeUserSessions(found.id, now, 'PASSWORD_CHANGED');
      return found;
    });
    await this.attempts.clear(accountKey(tenant.id, user.email));
  }
}
