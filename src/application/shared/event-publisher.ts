/** One outbox event on its way to the broker. */
export interface PublishableEvent {
  id: string;
  type: string;
  /** Stream family: user, session or tenant. */
  family: string;
  /** The tenant the event concerns (a tenant id), or "platform". */
  tenantId: string;
  /** The encoded userservice.v1.EventEnvelope. */
  payload: Uint8Array;
}

/**
 * Port: the message broker. Publishes a batch in order; throws if any event of the batch may not have
 * been published (the relay then retries the batch: delivery is at least once, consumers dedupe on id).
 * Redis Streams implement it here; a Kafka or NATS adapter implements the same method.
 */
export interface EventPublisher {
  publish(events: PublishableEvent[]): Promise<void>;
}
