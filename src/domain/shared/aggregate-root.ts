import { DomainEvent } from '../events/domain-event';

/**
 * An entity that records what happened to it (CodelyTV's AggregateRoot). Its methods check their own rules
 * and `record` the event; the unit of work pulls the events when it commits, writes them to the outbox in
 * the same transaction and runs their after-commit effects. Nothing else builds events.
 */
export abstract class AggregateRoot {
  private recorded: DomainEvent[] = [];

  /** Takes the events recorded since the last pull (the unit of work calls this once, at commit). */
  pullDomainEvents(): DomainEvent[] {
    const events = this.recorded;
    this.recorded = [];
    return events;
  }

  protected record(event: DomainEvent): void {
    this.recorded.push(event);
  }

  /**
   * Records that `field` changed: one `*Updated` event per aggregate and unit lists every changed field,
   * as the published event did before entities recorded their own.
   */
  protected recordFieldChange(type: 'UserUpdated' | 'TenantUpdated', targetId: string, field: string): void {
    const pending = this.recorded.find((e) => e.type === type && e.targetId === targetId);
    if (pending && 'changedFields' in pending) {
      if (!pending.changedFields.includes(field)) pending.changedFields.push(field);
      return;
    }
    this.record({ type, targetId, changedFields: [field] });
  }
}
