import { AfterCommitEffects, CommittedEvent, EventSubject } from '../../application/shared/after-commit-effects';
import { RequestOrigin } from '../../domain/shared/request-origin';
import { PlatformUnit, TenantUnit, UnitOfWork, UnitScope } from '../../application/shared/unit-of-work';
import { isPublished, PublishedEvent } from '../../domain/events/domain-event';
import { Tenant } from '../../domain/tenant/tenant';
import { Outbox } from '../outbox/outbox';
import { MasterPrisma } from '../prisma/master-prisma';
import { TenantClientManager } from '../tenancy/tenant-client-manager';
import { PrismaServiceAccountWrites } from './prisma-service-accounts';
import { PrismaAccountTokenWrites } from './prisma-account-token-writes';
import { PrismaMailQueueWrites } from './prisma-mail-queue-writes';
import { PrismaInvitationWrites } from './prisma-invitation-writes';
import { UnitSignInRecords } from './unit-sign-in-records';
import { PrismaSecondFactorWrites } from './prisma-second-factor-writes';
import { SecretBox } from '../crypto/secret-box';
import { PrismaSessionWrites } from './prisma-session-writes';
import { PrismaPlatformAdminWrites } from './prisma-platform-admin-writes';
import { MasterTx, PrismaTenantWrites } from './prisma-tenant-writes';
import { PrismaUserWrites, TenantTx } from './prisma-user-writes';
import { UnitEvents } from './unit-events';

/** Told after a commit that queued mail in a tenant's database (the mail dispatcher listens). */
export interface MailQueuedSignal {
  mailQueued(tenant: Tenant): void;
}

/**
 * The unit of work on Prisma: one interactive transaction on the scope's database; at the end of the
 * work, the recorded events go to that database's outbox in the same transaction; after the commit, their
 * effects run (see AFTER_COMMIT_EFFECTS) before `run` returns.
 */
export class PrismaUnitOfWork implements UnitOfWork {
  constructor(
    private readonly master: MasterPrisma,
    private readonly tenants: TenantClientManager,
    private readonly outbox: Outbox,
    private readonly effects: AfterCommitEffects,
    private readonly box: SecretBox,
    private readonly mailSignal?: MailQueuedSignal,
  ) {}

  run<T>(scope: Tenant, origin: RequestOrigin, work: (unit: TenantUnit) => Promise<T>): Promise<T>;
  run<T>(scope: 'platform', origin: RequestOrigin, work: (unit: PlatformUnit) => Promise<T>): Promise<T>;
  async run<T>(scope: UnitScope, origin: RequestOrigin, work: ((unit: TenantUnit) => Promise<T>) | ((unit: PlatformUnit) => Promise<T>)): Promise<T> {
    const events = new UnitEvents();
    let committed: CommittedEvent[] = [];
    let result: T;
    let mail: PrismaMailQueueWrites | undefined;
    if (scope === 'platform') {
      result = await this.master.$transaction(async (tx: MasterTx) => {
        const unit: PlatformUnit = {
          tenants: new PrismaTenantWrites(tx, events), admins: new PrismaPlatformAdminWrites(tx, events), sessions: new PrismaSessionWrites(tx as unknown as TenantTx, undefined, events),
          serviceAccounts: new PrismaServiceAccountWrites(tx as unknown as TenantTx, undefined, events),
          secondFactors: new PrismaSecondFactorWrites(tx as unknown as TenantTx, undefined, events, this.box),
        };
        const value = await (work as (unit: PlatformUnit) => Promise<T>)(unit);
        committed = await this.appendToOutbox(tx, events, origin);
        return value;
      });
    } else {
      const subject: EventSubject = { tenantId: scope.id, tenantSlug: scope.slug };
      result = await this.tenants.use(scope, (db) =>
        db.$transaction(async (tx: TenantTx) => {
          mail = new PrismaMailQueueWrites(tx);
          const unit: TenantUnit = {
            users: new PrismaUserWrites(tx, subject, events),
            sessions: new PrismaSessionWrites(tx, subject, events),
            tokens: new PrismaAccountTokenWrites(tx, subject, events),
            mail,
            invitations: new PrismaInvitationWrites(tx, subject, events),
            signIns: new UnitSignInRecords(subject, events),
            serviceAccounts: new PrismaServiceAccountWrites(tx, subject, events),
            secondFactors: new PrismaSecondFactorWrites(tx, subject, events, this.box),
          };
          const value = await (work as (unit: TenantUnit) => Promise<T>)(unit);
          committed = await this.appendToOutbox(tx, events, origin);
          return value;
        }),
      );
    }
    if (committed.length > 0) await this.effects.run(scope, committed);
    if (mail?.queued && scope !== 'platform') this.mailSignal?.mailQueued(scope);
    return result;
  }

  /** Appends the unit's published events, grouped by subject (the envelope's tenant), in recorded order. */
  private async appendToOutbox(tx: Parameters<Outbox['append']>[0], events: UnitEvents, origin: RequestOrigin): Promise<CommittedEvent[]> {
    const committed = events.pull();
    let group: PublishedEvent[] = [];
    let groupSubject: EventSubject | undefined;
    const flush = async () => {
      if (group.length > 0) await this.outbox.append(tx, groupSubject, group, origin);
      group = [];
    };
    for (const { event, subject } of committed) {
      if (!isPublished(event)) continue;
      if (group.length > 0 && !sameSubject(subject, groupSubject)) await flush();
      groupSubject = subject;
      group.push(event);
    }
    await flush();
    return committed;
  }
}

function sameSubject(a: EventSubject | undefined, b: EventSubject | undefined): boolean {
  return a?.tenantId === b?.tenantId;
}
