import pg from 'pg';
import type { Logger } from '../../application/shared/logger';

/** Where a replica hears of invalidations that Redis could not carry. */
export interface FallbackInvalidationBus {
  /** Tells every replica (this one included) to drop `keys`. Rejects if the message could not be sent. */
  publish(keys: readonly string[]): Promise<void>;
  /** `onKeys` for each message; `onResync` after a gap in listening (messages may have been missed). */
  start(handlers: { onKeys(keys: string[]): void; onResync(): void }): void;
  close(): Promise<void>;
}

/** NOTIFY payloads must stay under 8000 bytes; keys are sent in JSON arrays below this. */
const MAX_PAYLOAD_BYTES = 7_000;
const RETRY_MS = 1_000;

/**
 * The cache's second invalidation bus, on the master database's LISTEN/NOTIFY: used when Redis cannot
 * carry an invalidation (this replica is cut from Redis, or there is no Redis at all), so that a write
 * still reaches every other replica's memory at once, and through a replica that still reaches Redis, the
 * shared tier too. Every replica holds one LISTEN connection to the master; a NOTIFY goes through the
 * master pool. Payloads are cache keys (ids and slugs), never user data.
 */
export class PostgresInvalidationChannel implements FallbackInvalidationBus {
  private client?: pg.Client;
  private handlers?: { onKeys(keys: string[]): void; onResync(): void };
  private closed = false;
  private retryTimer?: NodeJS.Timeout;
  private listenedBefore = false;

  constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
    readonly channel = 'user_service_cache_invalidations',
  ) {}

  async publish(keys: readonly string[]): Promise<void> {
    let chunk: string[] = [];
    let size = 2;
    for (const key of keys) {
      const cost = Buffer.byteLength(key) + 3;
      if (chunk.length > 0 && size + cost > MAX_PAYLOAD_BYTES) {
        await this.notify(chunk);
        chunk = [];
        size = 2;
      }
      chunk.push(key);
      size += cost;
    }
    if (chunk.length > 0) await this.notify(chunk);
  }

  start(handlers: { onKeys(keys: string[]): void; onResync(): void }): void {
    this.handlers = handlers;
    void this.listen();
  }

  /** True while the LISTEN connection is up. */
  get isListening(): boolean {
    return this.client !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async notify(keys: string[]): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, JSON.stringify(keys)]);
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5_000 });
    client.on('notification', (message) => {
      if (message.channel !== this.channel || !message.payload) return;
      try {
        const keys = JSON.parse(message.payload) as unknown;
        if (Array.isArray(keys)) this.handlers?.onKeys(keys.filter((k): k is string => typeof k === 'string'));
      } catch {
        this.logger.warn({ channel: this.channel }, 'cache: ignored an unreadable invalidation notice');
      }
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = undefined;
      if (this.closed) return;
      this.logger.warn({ channel: this.channel }, 'cache: lost the database invalidation channel; reconnecting');
      this.scheduleRetry();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      // Whatever was sent while nobody listened is lost: forget what memory holds.
      if (this.listenedBefore) this.handlers?.onResync();
      this.listenedBefore = true;
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      if (this.closed) return;
      this.logger.debug({ err: error }, 'cache: database invalidation channel not ready; retrying');
      this.listenedBefore = true;
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.listen();
    }, RETRY_MS);
    this.retryTimer.unref();
  }
}
