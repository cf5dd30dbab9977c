import type { Redis } from 'ioredis';
import { EventPublisher, PublishableEvent } from '../../application/shared/event-publisher';

/**
 * Publishes events to Redis Streams, one stream per family (`<prefix>user`, `<prefix>session`,
 * `<prefix>tenant`). Each entry has the fields event_id, type, tenant_id and payload (the protobuf
 * EventEnvelope). Streams are capped at about `maxLength` entries (XADD MAXLEN ~).
 */
export class RedisStreamsPublisher implements EventPublisher {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly maxLength: number,
  ) {}

  streamOf(family: string): string {
    return `${this.prefix}${family}`;
  }

  async publish(events: PublishableEvent[]): Promise<void> {
    if (events.length === 0) return;
    // One pipeline, sent in order: entries of one tenant reach their stream in outbox order.
    const pipeline = this.redis.pipeline();
    for (const e of events) {
      pipeline.xadd(this.streamOf(e.family), 'MAXLEN', '~', this.maxLength, '*', 'event_id', e.id, 'type', e.type, 'tenant_id', e.tenantId, 'payload', Buffer.from(e.payload));
    }
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('Redis pipeline returned no results');
  }
}
