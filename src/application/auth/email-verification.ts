import { inject, injectable } from 'inversify';
import { AppConfig } from '../../config/config';
import { TOKENS } from '../../di/tokens';
import { AccountTokenState } from '../../domain/auth/account-token';
import { DomainError } from '../../domain/shared/domain-error';
import { uuidV7 } from '../../domain/shared/uuid-v7';
import { Tenant } from '../../domain/tenant/tenant';
import { User } from '../../domain/user/user';
import { AppLinks } from '../mail/app-links';
import { renderMail } from '../mail/mail-templates';
import { Clock } from '../shared/clock';
import { TenantUnit } from '../shared/unit-of-work';
import { newOneTimeToken } from './one-time-token';

/**
 * Sends a user the link that proves their email, inside the unit of work that creates the user (SignUp,
 * CreateUser) or asks again (ResendVerification): a new token (older ones superseded) and the message in
 * the tenant's mail queue, both committed with the change or not at all.
 */
@injectable()
export class EmailVerificationMail {
  constructor(
    @inject(TOKENS.AppLinks) private readonly links: AppLinks,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: AppConfig,
  ) {}

  async queue(unit: Pick<TenantUnit, 'tokens' | 'mail'>, tenant: Tenant, user: User): Promise<void> {
    const { token, hash } = newOneTimeToken();
    const now = this.clock.now();
    const ttlHours = this.config.emailVerification.ttlHours;
    await unit.tokens.issue({ id: uuidV7(), purpose: 'EMAIL_VERIFICATION', userId: user.id, tokenHash: hash, expiresAt: new Date(now.getTime() + ttlHours * 3_600_000) }, now);
    const mail = renderMail({
      kind: 'EMAIL_VERIFICATION',
      tenantName: tenant.displayName,
      recipientName: user.name,
      link: this.links.link(tenant.slug, '/verify-email', token),
      token,
      validHours: ttlHours,
    });
    await unit.mail.enqueue({ ...mail, to: user.email.value });
  }
}

/** The one reason for each way a presented verification token is refused. */
export function verificationTokenRefused(state: Exclude<AccountTokenState['kind'], 'live'> | 'inactive'): DomainError {
  switch (state) {
    case 'expired':
      return DomainError.unauthenticated('VERIFICATION_TOKEN_EXPIRED', 'this verification link has expired; ask for a new one');
    case 'used':
      return DomainError.unauthenticated('VERIFICATION_TOKEN_USED', 'this verification link was already used');
    case 'superseded':
      return DomainError.unauthenticated('VERIFICATION_TOKEN_SUPERSEDED', 'a newer verification message was sent, or the account\'s email changed, since this link was sent; use the link of the latest message');
    case 'unknown':
    case 'inactive':
      return DomainError.unauthenticated('VERIFICATION_TOKEN_INVALID', 'this verification link is not valid in this tenant');
  }
}

/**
 * Sign-in's check, after the right password only (so it reveals nothing a sign-up does not): a tenant that
 * requires verified emails refuses an account that has not verified its own.
 */
export function refuseUnverifiedEmail(tenant: Tenant, user: User): void {
  if (tenant.requireVerifiedEmail && !user.emailVerified) throw emailNotVerified();
}

/** FAILED_PRECONDITION for a right password of an account whose email the tenant requires verified. */
export function emailNotVerified(): DomainError {
  return DomainError.failedPrecondition('EMAIL_NOT_VERIFIED', 'this tenant requires a verified email to sign in: open the link of the verification message, or ask for a new one');
}
