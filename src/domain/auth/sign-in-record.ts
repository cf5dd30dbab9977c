import { SignInFailureReason } from '../events/domain-event';

/**
 * Port: the sign-ins of a tenant's users in the audit trail, inside a unit of work (events only: the
 * outbox row is the record). Never a password or a token; the request's origin (request id, caller
 * address, and the user as actor) travels with the event.
 */
export interface SignInRecords {
  succeeded(userId: string): void;
  failed(userId: string, reason: SignInFailureReason): void;
}
