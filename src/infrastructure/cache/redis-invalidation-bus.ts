import type { Redis } from 'ioredis';
import type { Logger } from '../../application/shared/logger';

export interface InvalidationHandlers {
  /** Another replica invalidated these keys: drop them from memory. */
  onKeys(keys: string[]): void;
  /**
   * Drop everything from memory: the subscriber has just (re)subscribed and may have missed messages while
   * it was away (Redis pub/sub keeps nothing for absent subscribers), or another replica asked for it.
   */
  onResync(reason: 'subscribed' | 'remote-clear-all'): void;
}

/** The message on the channel: the sender's origin and either the keys or `all`. */
type InvalidationMessage = { o: string; k: string[] } | { o: string; all: true };

/**
 * Broadcasts invalidations to every replica's in-process tier over one Redis pub/sub channel. Publishing
 * uses the command connection; listening needs a connection of its own (the subscriber), which resubscribes
 * itself on every (re)connect (ioredis' auto-resubscribe is off so that we know when the subscription is
 * back) and then asks for a full resync, since it cannot know what it missed. Messages from this replica's
 * own `origin` are ignored: it has already applied them.
 */
export class RedisInvalidationBus {
  private listening = false;
  private started = false;
  private received = 0;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly origin: string,
    private readonly logger: Logger,
  ) {}

  /** True while the subscription is confirmed and the connection is up. */
  get isListening(): boolean {
    return this.listening;
  }

  /** Invalidation messages received from other replicas. */
  get messagesReceived(): number {
    return this.received;
  }

  /** Attaches the handlers; call before the subscriber connects (it is created with `lazyConnect`). */
  start(handlers: InvalidationHandlers): void {
    if (this.started) throw new Error('the invalidation bus is already started');
    this.started = true;
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message, handlers);
    });
    this.subscriber.on('ready', () => void this.subscribe(handlers));
    this.subscriber.on('close', () => {
      if (!this.listening) return;
      this.listening = false;
      this.logger.warn({ channel: this.channel }, 'cache invalidation subscriber disconnected; memory tier staleness now bounded by its TTL');
    });
  }

  async publish(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.send({ o: this.origin, k: [...keys] });
  }

  /** Asks every other replica to drop its whole in-process tier. */
  async publishClearAll(): Promise<void> {
    await this.send({ o: this.origin, all: true });
  }

  private async send(message: InvalidationMessage): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify(message));
  }

  private async subscribe(handlers: InvalidationHandlers): Promise<void> {
    try {
      await this.subscriber.subscribe(this.channel);
    } catch (error) {
      // The connection went away again; its next 'ready' retries.
      this.logger.warn({ channel: this.channel, err: error }, 'cache invalidation subscribe failed');
      return;
    }
    if (this.subscriber.status !== 'ready') return;
    this.listening = true;
    this.logger.info({ channel: this.channel }, 'cache invalidation subscriber listening; memory tier cleared');
    handlers.onResync('subscribed');
  }

  private receive(raw: string, handlers: InvalidationHandlers): void {
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      this.logger.warn({ channel: this.channel }, 'ignored a malformed cache invalidation message');
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { o, k, all } = message as { o?: unknown; k?: unknown; all?: unknown };
    if (o === this.origin) return;
    this.received += 1;
    if (all === true) handlers.onResync('remote-clear-all');
    else if (Array.isArray(k) && k.every((key) => typeof key === 'string')) handlers.onKeys(k);
    else this.logger.warn({ channel: this.channel }, 'ignored a malformed cache invalidation message');
  }
}
