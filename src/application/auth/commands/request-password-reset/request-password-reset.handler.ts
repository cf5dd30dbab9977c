import { createHash } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { AppConfig } from '../../../../config/config';
import { TOKENS } from '../../../../di/tokens';
import { DomainError } from '../../../../domain/shared/domain-error';
import { Email } from '../../../../domain/shared/email';
import { FieldViolations } from '../../../../domain/shared/field-violations';
import { uuidV7 } from '../../../../domain/shared/uuid-v7';
import { Tenant } from '../../../../domain/tenant/tenant';
import { User } from '../../../../domain/user/user';
import { UserRepository } from '../../../../domain/user/user-repository';
import { AppLinks } from '../../../mail/app-links';
import { renderMail } from '../../../mail/mail-templates';
import { BackgroundWork } from '../../../shared/background-work';
import { Clock } from '../../../shared/clock';
import { MessageHandler } from '../../../shared/message';
import { RateLimiter } from '../../../shared/rate-limiter';
import { UnitOfWork } from '../../../shared/unit-of-work';
import { newOneTimeToken } from '../../one-time-token';
import { RequestPasswordResetCommand } from './request-password-reset.command';
import { RequestOrigin } from '../../../../domain/shared/request-origin';

/**
 * No enumeration: the caller's part (parse, throttle, look the email up, make and hash a token, render the
 * message) is the same whether or not the email names an active user, and the write (token, queued mail,
 * event, in one unit of work) runs after the answer, as background work. So the answer neither says nor
 * takes longer when the account exists. The price: a failed write is only logged (the person asks again).
 */
@injectable()
export class RequestPasswordResetHandler implements MessageHandler<RequestPasswordResetCommand> {
  constructor(
    @inject(TOKENS.UserRepository) private readonly users: UserRepository,
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.RateLimiter) private readonly limiter: RateLimiter,
    @inject(TOKENS.AppLinks) private readonly links: AppLinks,
    @inject(TOKENS.BackgroundWork) private readonly background: BackgroundWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: AppConfig,
  ) {}

  async execute(command: RequestPasswordResetCommand, origin: RequestOrigin): Promise<void> {
    const { tenant } = command;
    const violations = new FieldViolations();
    const email = violations.capture('email', () => Email.parse(command.email));
    violations.throwIfAny();
    const { accountLimit, tenantLimit, windowSeconds, ttlMinutes } = this.config.passwordReset;
    if (!(await this.limiter.hit(`reset:tenant:${tenant.id}`, tenantLimit, windowSeconds))) {
      throw DomainError.of('PASSWORD_RESET_THROTTLED', `too many password reset requests in this tenant; try again in ${windowSeconds} seconds`);
    }
    // Per address, known or not (the key hashes the address): over the limit, the answer is the same OK.
    const addressHash = createHash('sha256').update(email!.normalized).digest('base64url').slice(0, 22);
    const withinAccountLimit = await this.limiter.hit(`reset:account:${tenant.id}:${addressHash}`, accountLimit, windowSeconds);
    const user = await this.users.findByEmail(tenant, email!);
    const { token, hash } = newOneTimeToken();
    const mail = renderMail({
      kind: 'PASSWORD_RESET',
      tenantName: tenant.displayName,
      recipientName: user?.name ?? email!.value,
      link: this.links.link(tenant.slug, '/reset-password', token),
      token,
      validMinutes: ttlMinutes,
    });
    if (!user || !user.isActive || !withinAccountLimit) return;
    const expiresAt = new Date(this.clock.now().getTime() + ttlMinutes * 60_000);
    this.background.run('password reset request', () => this.issue(tenant, user, hash, expiresAt, mail, origin));
  }

  private async issue(tenant: Tenant, found: User, tokenHash: string, expiresAt: Date, mail: ReturnType<typeof renderMail>, origin: RequestOrigin): Promise<void> {
    await this.units.run(tenant, origin, async ({ users, tokens, mail: queue }) => {
      const user = await users.findById(found.id);
      if (!user || !user.isActive) return; // disabled or deleted in between
      const now = this.clock.now();
      await tokens.issue({ id: uuidV7(), purpose: 'PASSWORD_RESET', userId: user.id, tokenHash, expiresAt }, now);
      await queue.enqueue({ ...mail, to: user.email.value });
    });
  }
}
