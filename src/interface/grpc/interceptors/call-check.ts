import { Metadata } from '@grpc/grpc-js';
import { CallContext } from '../call-context';

/** A check on a call of ours: returns when the call may go on, throws a DomainError to refuse it. */
export type CallCheck = (context: CallContext & { policy: NonNullable<CallContext['policy']> }, metadata: Metadata) => void | Promise<void>;

/**
 * Runs `checks` from `index` on, in order, and returns undefined when all of them passed without waiting:
 * synchronous checks (the token, the role) and checks answered from memory cost no promise and no turn of
 * the event loop. A check that must wait returns its promise, and the rest run after it.
 */
export function runChecks(checks: readonly CallCheck[], index: number, context: Parameters<CallCheck>[0], metadata: Metadata): void | Promise<void> {
  for (let i = index; i < checks.length; i += 1) {
    const pending = checks[i](context, metadata);
    if (pending instanceof Promise) return pending.then(() => runChecks(checks, i + 1, context, metadata));
  }
}
