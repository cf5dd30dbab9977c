import { EventSubject } from '../../application/shared/after-commit-effects';
import { SignInRecords } from '../../domain/auth/sign-in-record';
import { SignInFailureReason } from '../../domain/events/domain-event';
import { UnitEvents } from './unit-events';

/** Sign-ins as events of the unit (written to the tenant's outbox with the unit's commit). */
export class UnitSignInRecords implements SignInRecords {
  constructor(
    private readonly subject: EventSubject,
    private readonly events: UnitEvents,
  ) {}

  succeeded(userId: string): void {
    this.events.record({ type: 'SignInSucceeded', targetId: userId }, this.subject);
  }

  failed(userId: string, reason: SignInFailureReason): void {
    this.events.record({ type: 'SignInFailed', targetId: userId, reason }, this.subject);
  }
}
