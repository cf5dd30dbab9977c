import { AccountTokenWrites } from '../../domain/auth/account-token';
import { SignInRecords } from '../../domain/auth/sign-in-record';
import { SecondFactorWrites } from '../../domain/auth/second-factor-store';
import { SessionWrites } from '../../domain/auth/refresh-token-store';
import { Tenant } from '../../domain/tenant/tenant';
import { TenantWrites } from '../../domain/tenant/tenant-repository';
import { UserWrites } from '../../domain/user/user-repository';
import { RequestOrigin } from '../../domain/shared/request-origin';
import { ServiceAccountWrites } from '../../domain/service-account/service-account-repository';
import { InvitationWrites } from '../../domain/user/invitation';
import { MailQueueWrites } from '../mail/mail-queue';
import { PlatformAdminWrites } from '../../domain/platform-admin/platform-admin';

/** The repositories of one unit of work on a tenant's database. */
export interface TenantUnit {
  users: UserWrites;
  sessions: SessionWrites;
  serviceAccounts: ServiceAccountWrites;
  /** One-time tokens sent by mail (password reset). */
  tokens: AccountTokenWrites;
  /** The tenant's mail outbox: queued mail is sent after the commit, never before. */
  mail: MailQueueWrites;
  /** Invitations to join the tenant. */
  invitations: InvitationWrites;
  /** Sign-ins in the audit trail. */
  signIns: SignInRecords;
  /** The users' TOTP second factors. */
  secondFactors: SecondFactorWrites;
}

/** The repositories of one unit of work on the master database (registry, super-admins and their sessions). */
export interface PlatformUnit {
  tenants: TenantWrites;
  /** The platform's super-admins. */
  admins: PlatformAdminWrites;
  sessions: SessionWrites;
  serviceAccounts: ServiceAccountWrites;
  /** The super-admins' TOTP second factors. */
  secondFactors: SecondFactorWrites;
}

/** Where a unit of work runs: one tenant's database, or the master ('platform'). */
export type UnitScope = Tenant | 'platform';

/**
 * Port: the one way to write. `run(scope, origin, work)` hands `work` repositories bound to one transaction
 * on that database. When `work` returns, the events recorded by every entity it added or saved are appended
 * to that database's outbox in the same transaction, stamped with `origin` (who asked: the handler's
 * `origin`, or NO_ORIGIN for the service's own work); the transaction commits; then the after-commit
 * effects registered for each event type run (cache invalidation on every replica, the relay's wake-up)
 * before `run` returns. If `work` throws, nothing is written and no effect runs.
 *
 * Handlers therefore never build events, pass repository options, invalidate caches or wake the relay.
 */
export interface UnitOfWork {
  run<T>(scope: Tenant, origin: RequestOrigin, work: (unit: TenantUnit) => Promise<T>): Promise<T>;
  run<T>(scope: 'platform', origin: RequestOrigin, work: (unit: PlatformUnit) => Promise<T>): Promise<T>;
}
