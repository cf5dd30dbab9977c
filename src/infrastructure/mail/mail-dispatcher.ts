import pg from 'pg';
import { Mailer, MailKind } from '../../application/mail/mailer';
import { Logger } from '../../application/shared/logger';
import { Tenant } from '../../domain/tenant/tenant';
import { TenantRepository } from '../../domain/tenant/tenant-repository';
import { MailQueuedSignal } from '../persistence/prisma-unit-of-work';
import { DatabaseServers } from '../tenancy/database-servers';
import { TenantClientManager, TenantPrisma } from '../tenancy/tenant-client-manager';

const BATCH = 20;
/** A claimed message is someone's for this long: if its replica dies mid-send, another sends it after. */
const LEASE_SECONDS = 120;

export interface MailDispatchSettings {
  retryBaseMs: number;
  retryMaxMs: number;
  /** How often every open tenant database is checked (mail a wake-up missed, another replica's leftovers). */
  scanIntervalMs: number;
}

/** What the dispatcher reports (metrics). Never a recipient, a subject or a body. */
export interface MailTelemetry {
  mailSent(kind: string): void;
  mailFailed(kind: string): void;
  /** The queue of one tenant database after a pass: how many wait, since when (undefined: empty). */
  mailQueue(tenantId: string, depth: number, oldest: Date | undefined): void;
}

interface ClaimedRow {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
}

/**
 * Sends each tenant database's queued mail after the commit that queued it, and deletes it once sent
 * (the bodies hold one-time links: they live only until delivery). Rows are claimed with a lease
 * (`FOR UPDATE SKIP LOCKED`, then next_attempt_at pushed LEASE_SECONDS ahead), so replicas never send one
 * message together, and sent outside any transaction. A refused or failed send backs off exponentially
 * (MAIL_RETRY_BASE_MS doubling, up to MAIL_RETRY_MAX_SECONDS); the rest of the batch waits as long, since
 * the server is probably down. Exactly once in the normal case; at least once if the process dies between
 * the server's acceptance and the delete.
 */
export class MailDispatcher implements MailQueuedSignal {
  private readonly pending = new Map<string, Tenant>();
  private readonly retries = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private draining?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly tenantClients: TenantClientManager,
    private readonly tenants: TenantRepository,
    private readonly servers: DatabaseServers,
    private readonly mailer: Mailer,
    private readonly settings: MailDispatchSettings,
    private readonly telemetry: MailTelemetry,
    private readonly logger: Logger,
  ) {}

  mailQueued(tenant: Tenant): void {
    this.notify(tenant);
  }

  notify(tenant: Tenant): void {
    if (this.stopped) return;
    this.pending.set(tenant.id, tenant);
    this.drain();
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => {
      for (const tenant of this.tenantClients.openTenants()) this.notify(tenant);
    }, this.settings.scanIntervalMs);
    this.timer.unref();
    void this.scanAllTenants().catch((error: unknown) => this.logger.error({ err: error }, 'mail: start-up scan failed'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    for (const { timer } of this.retries.values()) clearTimeout(timer);
    await this.draining;
    await this.mailer.close();
  }

  /** Resolves once everything pending now has been tried. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = (async () => {
      while (this.pending.size > 0 && !this.stopped) {
        const [id, tenant] = this.pending.entries().next().value as [string, Tenant];
        this.pending.delete(id);
        try {
          await this.sendQueued(tenant);
        } catch (error) {
          this.logger.warn({ err: error, tenant: tenant.slug }, 'mail: queue not reachable; will retry');
          this.retryAt(tenant, Date.now() + this.settings.retryMaxMs);
        }
      }
    })().finally(() => {
      this.draining = undefined;
      if (this.pending.size > 0 && !this.stopped) this.drain();
    });
  }

  /** Sends what is due in one tenant database, then arms a wake-up for what is not due yet. */
  private async sendQueued(tenant: Tenant): Promise<void> {
    // Most wake-ups (the periodic scan of every open tenant) find an empty queue: that is asked on the
    // tenant's pg pool alone, so a tenant that never mails never gets a Prisma client for it (megabytes each,
    // a thousand tenants' worth of them otherwise).
    const empty = await this.tenantClients.read(tenant, async (pool) => {
      const { rows } = await pool.query<{ depth: string }>({ name: 'mail_queue_depth', text: 'SELECT count(*) AS depth FROM mail_queue' });
      return Number(rows[0]?.depth ?? 0) === 0;
    });
    if (empty) {
      this.telemetry.mailQueue(tenant.id, 0, undefined);
      return;
    }
    await this.tenantClients.use(tenant, async (db) => {
      for (;;) {
        const rows = await claim(db);
        let failedAt = -1;
        for (let i = 0; i < rows.length && failedAt < 0; i++) {
          if (!(await this.sendOne(db, tenant, rows[i]))) failedAt = i;
        }
        if (failedAt >= 0) {
          // The server is probably down: what is left of the batch waits as long as the failed message.
          const rest = rows.slice(failedAt + 1).map((r) => r.id);
          const delay = this.backoffMs(rows[failedAt].attempts + 1);
          if (rest.length > 0) await db.$executeRaw`UPDATE mail_queue SET next_attempt_at = now() + ${delay} * interval '1 millisecond' WHERE id = ANY(${rest}::uuid[])`;
          break;
        }
        if (rows.length < BATCH || this.stopped) break;
      }
      const [state] = await db.$queryRaw<Array<{ depth: bigint; oldest: Date | null; due: Date | null }>>`
        SELECT count(*) AS depth, min(created_at) AS oldest, min(next_attempt_at) AS due FROM mail_queue`;
      this.telemetry.mailQueue(tenant.id, Number(state.depth), state.oldest ?? undefined);
      if (state.due) this.retryAt(tenant, state.due.getTime());
    });
  }

  /** True if sent (and deleted); false if the mailer failed (the row backs off). */
  private async sendOne(db: TenantPrisma, tenant: Tenant, row: ClaimedRow): Promise<boolean> {
    try {
      await this.mailer.send({ id: row.id, kind: row.kind as MailKind, to: row.recipient, subject: row.subject, text: row.text_body, html: row.html_body });
    } catch (error) {
      const attempts = row.attempts + 1;
      const delay = this.backoffMs(attempts);
      const reason = describe(error);
      this.telemetry.mailFailed(row.kind);
      this.logger.warn({ tenant: tenant.slug, mailId: row.id, kind: row.kind, attempts, retryInMs: delay, error: reason }, 'mail: delivery failed; will retry');
      await db.$executeRaw`UPDATE mail_queue SET attempts = ${attempts}, last_error = ${reason}, next_attempt_at = now() + ${delay} * interval '1 millisecond' WHERE id = ${row.id}::uuid`;
      return false;
    }
    // Sent: the row (and the link in it) goes. If this delete fails the lease expires and it is sent again.
    await db.$executeRaw`DELETE FROM mail_queue WHERE id = ${row.id}::uuid`;
    this.telemetry.mailSent(row.kind);
    this.logger.info({ tenant: tenant.slug, mailId: row.id, kind: row.kind }, 'mail: sent');
    return true;
  }

  private backoffMs(attempts: number): number {
    return Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** Math.min(attempts - 1, 30));
  }

  /** Arms one wake-up per tenant, at the earliest moment asked for. */
  private retryAt(tenant: Tenant, at: number): void {
    if (this.stopped) return;
    const existing = this.retries.get(tenant.id);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      this.retries.delete(tenant.id);
      this.notify(tenant);
    }, Math.max(0, at - Date.now()) + 5);
    timer.unref();
    this.retries.set(tenant.id, { at, timer });
  }

  /** At start: tenant databases with queued mail (left by a stop or crash), through short-lived connections. */
  private async scanAllTenants(): Promise<void> {
    let afterId: string | undefined;
    for (;;) {
      const page = await this.tenants.list({ afterId, limit: 200 });
      for (const tenant of page.filter((t) => t.status === 'ACTIVE' || t.status === 'SUSPENDED')) {
        if (this.stopped) return;
        if (await this.hasQueued(tenant)) this.notify(tenant);
      }
      if (page.length < 200 || this.stopped) return;
      afterId = page[page.length - 1].id;
    }
  }

  private async hasQueued(tenant: Tenant): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.servers.databaseUrl(tenant.databaseServer, tenant.databaseName), connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      const { rowCount } = await client.query('SELECT 1 FROM mail_queue LIMIT 1');
      return rowCount === 1;
    } catch {
      return false; // unreachable or not yet migrated: the periodic scan covers it once the tenant is used
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function claim(db: TenantPrisma): Promise<ClaimedRow[]> {
  return db.$queryRaw<ClaimedRow[]>`
    UPDATE mail_queue SET next_attempt_at = now() + ${LEASE_SECONDS} * interval '1 second'
    WHERE id IN (SELECT id FROM mail_queue WHERE next_attempt_at <= now() ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, recipient, subject, text_body, html_body, attempts`.then((rows) => rows.sort((a, b) => (a.id < b.id ? -1 : 1)));
}

/** An SMTP error's code and response line (the server's words, never our message), at most 500 characters. */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const e = error as Error & { code?: string; responseCode?: number };
    return [e.code, e.responseCode, e.message].filter((p) => p !== undefined && p !== '').join(' ').slice(0, 500);
  }
  return String(error).slice(0, 500);
}
