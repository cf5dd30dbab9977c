import { CommittedEvent, EventSubject } from '../../application/shared/after-commit-effects';
import { DomainEvent } from '../../domain/events/domain-event';
import { AggregateRoot } from '../../domain/shared/aggregate-root';

/**
 * The events of one unit of work: the entities its repositories added or saved (their recorded events
 * are pulled at commit), and events a repository records itself (a session revocation has no entity).
 */
export class UnitEvents {
  private readonly sources: Array<{ kind: 'aggregate'; aggregate: AggregateRoot; subject: EventSubject | undefined } | { kind: 'event'; event: DomainEvent; subject: EventSubject | undefined }> = [];

  track(aggregate: AggregateRoot, subject: EventSubject | undefined): void {
    if (!this.sources.some((s) => s.kind === 'aggregate' && s.aggregate === aggregate)) this.sources.push({ kind: 'aggregate', aggregate, subject });
  }

  record(event: DomainEvent, subject: EventSubject | undefined): void {
    this.sources.push({ kind: 'event', event, subject });
  }

  /** Every event recorded so far, in the order their sources joined the unit; each is handed out once. */
  pull(): CommittedEvent[] {
    const events = this.sources.flatMap((s) =>
      s.kind === 'event' ? [{ event: s.event, subject: s.subject }] : s.aggregate.pullDomainEvents().map((event) => ({ event, subject: s.subject })),
    );
    this.sources.splice(0, this.sources.length, ...this.sources.filter((s) => s.kind === 'aggregate'));
    return events;
  }
}
