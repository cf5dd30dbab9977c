/**
 * Who made the current request, for the audit trail of the events it causes: handed explicitly from the
 * gRPC layer (each call's `ServedCall` is one) through the bus to the handler, and from the handler to the
 * unit of work that stamps its events. No AsyncLocalStorage: with one in use, Node runs promise hooks on
 * every promise of the process, a cost every call would pay.
 */
export interface RequestOrigin {
  readonly actorId?: string;
  readonly actorRole?: string;
  /** True when the actor is a service account (actorId is then its id). */
  readonly actorIsServiceAccount?: boolean;
  readonly requestId?: string;
  readonly callerAddress?: string;
  /** The client's `user-agent` header (read only by sign-in and refresh, for the session list). */
  readonly userAgent?: string;
  /** Aborted when the caller cancels the call or its deadline passes: queued work is then skipped. */
  readonly signal?: CancellationSignal;
}

/** Read-only view of a call's cancellation (an AbortSignal fits; the gRPC layer passes a cheaper getter). */
export interface CancellationSignal {
  readonly aborted: boolean;
}

/** The origin of work the service does on its own (sweeps, start-up, the CLI): no caller, no request. */
export const NO_ORIGIN: RequestOrigin = Object.freeze({});

/**
 * `origin` with `actorId` as the actor: for public calls whose events are about one account (a sign-in, a
 * password reset, an email verification), the account is the actor. Fields are copied one by one: an origin
 * may be a class with getters (the gRPC layer's ServedCall), which a spread would not copy.
 */
export function asActor(origin: RequestOrigin, actorId: string, actorRole: string | undefined): RequestOrigin {
  return { actorId, actorRole, requestId: origin.requestId, callerAddress: origin.callerAddress, userAgent: origin.userAgent, signal: origin.signal };
}
