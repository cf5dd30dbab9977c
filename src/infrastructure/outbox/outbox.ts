import { RequestOrigin } from '../../domain/shared/request-origin';
import { RelaySignal } from '../../application/shared/after-commit-effects';
import { UnitScope } from '../../application/shared/unit-of-work';
import { familyOf, PublishedEvent } from '../../domain/events/domain-event';
import { uuidV7 } from '../../domain/shared/uuid-v7';
import { Tenant } from '../../domain/tenant/tenant';
import { encodeEnvelope, EventScope, toEnvelope } from './event-envelope.mapper';

/** The outbox rows a transaction writes; the same table exists in the master and every tenant database. */
interface OutboxDelegate {
  outboxEvent: {
    create(args: { data: OutboxRow; select: { id: true } }): Promise<unknown>;
    createMany(args: { data: OutboxRow[] }): Promise<unknown>;
  };
}

interface OutboxRow {
  id: string;
  type: string;
  family: string;
  payload: Uint8Array<ArrayBuffer>;
  actorId: string | null;
  actorRole: string | null;
  targetId: string;
  requestId: string | null;
  callerAddress: string | null;
  occurredAt: Date;
}

/** Told after a commit that wrote events (in a tenant's database, or the master's when undefined). */
export type OutboxListener = (database: Tenant | undefined) => void;

/**
 * Writes domain events into the outbox table inside the unit of work's transaction (so an event exists if
 * and only if its change committed), with the request's origin for the audit trail; and, as the relay
 * signal, passes the unit of work's wake-up on to the relay once it is connected.
 */
export class Outbox implements RelaySignal {
  private listener: OutboxListener = () => undefined;

  onCommitted(listener: OutboxListener): void {
    this.listener = listener;
  }

  /** `origin`: who asked for the change (the unit of work's), stamped on every row and envelope. */
  async append(tx: OutboxDelegate, scope: EventScope | undefined, events: readonly PublishedEvent[], origin: RequestOrigin): Promise<void> {
    if (events.length === 0) return;
    const now = new Date();
    const rows = events.map((event): OutboxRow => {
      const id = uuidV7(now.getTime());
      return {
        id,
        type: event.type,
        family: familyOf(event),
        payload: encodeEnvelope(toEnvelope(id, event, scope, origin, now)),
        actorId: origin.actorId ?? null,
        actorRole: origin.actorRole ?? null,
        targetId: event.targetId,
        requestId: origin.requestId ?? null,
        callerAddress: origin.callerAddress ?? null,
        occurredAt: now,
      };
    });
    // Prisma keeps the plan of a `create` (compiled once per shape), but compiles a `createMany` of a list on
    // every call (about 1 ms of CPU here): most units record one event, every sign-in does.
    if (rows.length === 1) await tx.outboxEvent.create({ data: rows[0], select: { id: true } });
    else await tx.outboxEvent.createMany({ data: rows });
  }

  /** After a unit that appended events has committed: `scope`'s database has events to publish. */
  wake(scope: UnitScope): void {
    this.listener(scope === 'platform' ? undefined : scope);
  }
}
