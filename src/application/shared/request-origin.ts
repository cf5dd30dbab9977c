import { AsyncLocalStorage } from 'node:async_hooks';

/** Who made the current request, for the audit trail of the events it causes. */
export interface RequestOrigin {
  actorId?: string;
  actorRole?: string;
  requestId?: string;
  callerAddress?: string;
  /** The client's `user-agent` header (read only by sign-in and refresh, for the session list). */
  readonly userAgent?: string;
  /** Aborted when the caller cancels the call or its deadline passes: queued work is then skipped. */
  signal?: CancellationSignal;
}

/** Read-only view of a call's cancellation (an AbortSignal fits; the gRPC layer passes a cheaper getter). */
export interface CancellationSignal {
  readonly aborted: boolean;
}

const storage = new AsyncLocalStorage<RequestOrigin>();

/** Runs `work` with `origin` as the current request's origin (set once per call by the gRPC layer). */
export function runWithOrigin<T>(origin: RequestOrigin, work: () => T): T {
  return storage.run(origin, work);
}

/** The current request's origin; empty for work the service does on its own (sweeps, CLI). */
export function currentOrigin(): RequestOrigin {
  return storage.getStore() ?? {};
}

/**
 * Runs `work` outside any request: for background work a call merely wakes (the outbox relay's drain loop),
 * which later serves other calls too and must not carry the first one's origin or request id.
 */
export function outsideAnyRequest<T>(work: () => T): T {
  return storage.exit(work);
}
