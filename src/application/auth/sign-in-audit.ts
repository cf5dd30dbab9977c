import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { SignInFailureReason } from '../../domain/events/domain-event';
import { DomainError } from '../../domain/shared/domain-error';
import { Tenant } from '../../domain/tenant/tenant';
import { BackgroundWork } from '../shared/background-work';
import { UnitOfWork } from '../shared/unit-of-work';
import { RequestOrigin, asActor } from '../../domain/shared/request-origin';

/** The account a sign-in was about (tenant users only; super-admins' sign-ins are not recorded). */
export interface SignInSubject {
  id: string;
  role: string;
}

/**
 * Sign-ins of tenant users in the audit trail (SignInSucceeded, SignInFailed), with the user as actor and
 * the call's request id and caller address. Failures are recorded after the answer (background work), so a
 * failed sign-in takes the same time whether or not the email names an account; only known accounts are
 * recorded, and only failures that were judged (a call refused while the account is locked costs no write).
 */
@injectable()
export class SignInAudit {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.BackgroundWork) private readonly background: BackgroundWork,
  ) {}

  failed(tenant: Tenant | undefined, subject: SignInSubject | undefined, reason: SignInFailureReason, origin: RequestOrigin): void {
    if (!tenant || !subject) return;
    this.background.run('sign-in audit', () => this.units.run(tenant, asActor(origin, subject.id, subject.role), async ({ signIns }) => signIns.failed(subject.id, reason)));
  }

  /** Runs `grant` (a new session); records its success, or EMAIL_NOT_VERIFIED if it refuses for that. */
  async granting<T>(tenant: Tenant | undefined, subject: SignInSubject | undefined, origin: RequestOrigin, grant: () => Promise<T>): Promise<T> {
    if (!tenant || !subject) return grant();
    try {
      const granted = await grant();
      await this.units.run(tenant, asActor(origin, subject.id, subject.role), async ({ signIns }) => signIns.succeeded(subject.id));
      return granted;
    } catch (error) {
      if (error instanceof DomainError && error.reason === 'EMAIL_NOT_VERIFIED') this.failed(tenant, subject, 'EMAIL_NOT_VERIFIED', origin);
      throw error;
    }
  }
}
