import { createHash } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { AppConfig } from '../../../../config/config';
import { TOKENS } from '../../../../di/tokens';
import { DomainError } from '../../../../domain/shared/domain-error';
import { Email } from '../../../../domain/shared/email';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { UserRepository } from '../../../../domain/user/user-repository';
import { BackgroundWork } from '../../../shared/background-work';
import { MessageHandler } from '../../../shared/message';
import { RateLimiter } from '../../../shared/rate-limiter';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { EmailVerificationMail } from '../../email-verification';
import { ResendVerificationCommand } from './resend-verification.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

/**
 * Same shape as RequestPasswordReset: the throttles (the reset limits, counted apart), the lookup, then
 * the answer; the write (a new token superseding older ones, the queued message) runs after the answer for
 * an active user whose email is not verified yet, so the answer tells nothing about the account.
 */
@injectable()
export class ResendVerificationHandler implements MessageHandler<ResendVerificationCommand> {
  constructor(
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.RateLimiter) private readonly limiter: RateLimiter,
    @inject(TOKENS.BackgroundWork) private readonly background: BackgroundWork,
    @inject(EmailVerificationMail) private readonly verification: EmailVerificationMail,
    @inject(TOKENS.Config) private readonly config: AppConfig,
  ) {}

  async execute(command: ResendVerificationCommand, origin: RequestOrigin): Promise<void> {
    const { tenant } = command;
    const violations = new FieldViolations();
    const email = violations.capture('email', () => Email.parse(command.email));
    violations.throwIfAny();
    const { accountLimit, tenantLimit, windowSeconds } = this.config.passwordReset;
    if (!(await this.limiter.hit(`verify:tenant:${tenant.id}`, tenantLimit, windowSeconds))) {
      throw DomainError.of('VERIFICATION_THROTTLED', `too many verification requests in this tenant; try again in ${windowSeconds} seconds`);
    }
    const addressHash = createHash('sha256').update(email!.normalized).digest('base64url').slice(0, 22);
    const withinAccountLimit = await this.limiter.hit(`verify:account:${tenant.id}:${addressHash}`, accountLimit, windowSeconds);
    const user = await this.users.findByEmail(tenant, email!);
    if (!user || !user.isActive || user.emailVerified || !withinAccountLimit) return;
    this.background.run('verification resend', () =>
      this.units.run(tenant, origin, async ({ users, tokens, mail }) => {
        const current = await users.findById(user.id);
        if (!current || !current.isActive || current.emailVerified) return;
        await this.verification.queue({ tokens, mail }, tenant, current);
      }),
    );
  }
}
