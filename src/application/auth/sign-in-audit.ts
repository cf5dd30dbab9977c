import { inject, injectable } from 'inversify';
import { TOKENS } from '../../di/tokens';
import { SignInFailureReason } from '../../domain/events/domain-event';
import { DomainError } from '../../domain/shared/domain-error';
import { Tenant } from '../../domain/tenant/tenant';
import { BackgroundWork } from '../shared/background-work';
import { UnitOfWork } from '../shared/unit-of-work';
import { SessionIssuer, SessionSubject, SessionTokens } from './session-issuer';
import { RequestOrigin, asActor } from '../../domain/shared/request-origin';

/** Starts the session of a sign-in (see SignInAudit.granting). */
export type StartSession = (subject: SessionSubject) => Promise<SessionTokens>;

/** The account a sign-in was about (tenant users only; super-admins' sign-ins are not recorded). */
export interface SignInSubject {
  id: string;
  role: string;
}

/**
 * Sign-ins of tenant users in the audit trail (SignInSucceeded, SignInFailed), with the user as actor and
 * the call's request id and caller address. A sign-in succeeds when its session starts: after the password
 * (Login), or, for an account with a second factor, after the factor (VerifySecondFactor, or the enrollment
 * a tenant requires); a right password answered with a challenge is not yet a sign-in. Failures are recorded
 * after the answer (background work), so a failed sign-in takes the same time whether or not the email
 * names an account; only known accounts are recorded, and only failures that were judged (a call refused
 * while the account or its factor is locked costs no write).
 */
@injectable()
export class SignInAudit {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly units: UnitOfWork,
    @inject(TOKENS.BackgroundWork) private readonly background: BackgroundWork,
    @inject(SessionIssuer) private readonly issuer: SessionIssuer,
  ) {}

  failed(tenant: Tenant | undefined, subject: SignInSubject | undefined, reason: SignInFailureReason, origin: RequestOrigin): void {
    if (!tenant || !subject) return;
    this.background.run('sign-in audit', () => this.units.run(tenant, asActor(origin, subject.id, subject.role), async ({ signIns }) => signIns.failed(subject.id, reason)));
  }

  /**
   * Runs `grant` (what the right password, or the second factor after it, leads to: a challenge, or a new
   * session) and records SignInFailed EMAIL_NOT_VERIFIED if it refuses for that. A session started with the
   * `startSession` it is handed is one unit of work with its SignInSucceeded (one transaction: no session
   * without its audit event, and one transaction per sign-in instead of two); its token pair is signed after
   * the commit. A grant that answers with a challenge records nothing.
   */
  async granting<T>(tenant: Tenant | undefined, subject: SignInSubject | undefined, origin: RequestOrigin, grant: (startSession: StartSession) => Promise<T>): Promise<T> {
    // Not recorded (a super-admin's sign-in): the session is one INSERT.
    if (!tenant || !subject) return grant((who) => this.issuer.start(tenant ?? 'platform', who, origin));
    const actor = asActor(origin, subject.id, subject.role);
    const startSession: StartSession = async (who) => {
      const session = this.issuer.prepare(tenant, who, origin);
      await this.units.run(tenant, actor, async ({ sessions, signIns }) => {
        await sessions.create(session.row);
        signIns.succeeded(subject.id);
      });
      return session.tokens();
    };
    try {
      return await grant(startSession);
    } catch (error) {
      if (error instanceof DomainError && error.reason === 'EMAIL_NOT_VERIFIED') this.failed(tenant, subject, 'EMAIL_NOT_VERIFIED', origin);
      throw error;
    }
  }

  /** Starts the session of a sign-in completed by its second factor, with its SignInSucceeded (see granting). */
  startSession(tenant: Tenant | undefined, subject: SessionSubject, origin: RequestOrigin): Promise<SessionTokens> {
    return this.granting(tenant, subject, origin, (start) => start(subject));
  }

  /** A second-factor answer checked and found wrong (`locked`: this failure locked the factor). */
  secondFactorFailed(tenant: Tenant | undefined, subject: SignInSubject, locked: boolean, origin: RequestOrigin): void {
    this.failed(tenant, subject, locked ? 'SECOND_FACTOR_LOCKED' : 'WRONG_SECOND_FACTOR', origin);
  }
}
