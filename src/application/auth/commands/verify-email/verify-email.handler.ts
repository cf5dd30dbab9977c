import { inject, injectable } from 'inversify';
import { TOKENS } from '../../../../di/tokens';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { verificationTokenRefused } from '../../email-verification';
import { hashOneTimeToken } from '../../one-time-token';
import { VerifyEmailCommand } from './verify-email.command';
import { RequestOrigin, asActor } from '../../../../domain/shared/request-origin';

@injectable()
export class VerifyEmailHandler implements MessageHandler<VerifyEmailCommand> {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(command: VerifyEmailCommand, origin: RequestOrigin): Promise<void> {
    const violations = new FieldViolations();
    if (command.token.length === 0) violations.add('token', 'is required (the code from the verification message)');
    else if (command.token.length > 256) violations.add('token', 'must be at most 256 characters');
    violations.throwIfAny();
    const tokenHash = hashOneTimeToken(command.token);
    const state = await this.units.run(command.tenant, origin, ({ tokens }) => tokens.inspect('EMAIL_VERIFICATION', tokenHash, this.clock.now()));
    if (state.kind !== 'live') throw verificationTokenRefused(state.kind);
    // The audit trail names the account as the actor of its verification.
    await this.units.run(command.tenant, asActor(origin, state.userId, undefined), async ({ tokens, users }) => {
      const now = this.clock.now();
      const claimed = await tokens.claim('EMAIL_VERIFICATION', tokenHash, now);
      if (claimed.kind !== 'live') throw verificationTokenRefused(claimed.kind);
      const user = await users.findById(claimed.userId);
      // Disabled or deleted since: the unit rolls back, the token is not spent.
      if (!user || !user.isActive) throw verificationTokenRefused('inactive');
      user.verifyEmail(now);
      await users.save(user);
    });
  }
}
