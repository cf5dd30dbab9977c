import { Metadata, ServerInterceptingCall, ServerInterceptor, ServerListenerBuilder } from '@grpc/grpc-js';
import { CallContext, findCallContext } from '../call-context';
import { toGrpcStatus } from '../errors/to-grpc-status';

/** A check on a call of ours: returns when the call may go on, throws a DomainError to refuse it. */
export type CallCheck = (context: CallContext & { policy: NonNullable<CallContext['policy']> }, metadata: Metadata) => void | Promise<void>;

/** Runs `checks` from `index` on, in order; synchronous ones without a turn of the event loop. */
function runChecks(checks: readonly CallCheck[], index: number, context: Parameters<CallCheck>[0], metadata: Metadata): void | Promise<void> {
  for (let i = index; i < checks.length; i += 1) {
    const pending = checks[i](context, metadata);
    if (pending instanceof Promise) return pending.then(() => runChecks(checks, i + 1, context, metadata));
  }
}

/**
 * One server interceptor that runs `checks` in order once the request metadata arrives (one interceptor
 * rather than one per check: each grpc-js interceptor layer costs several microseconds per call). The first
 * check that throws ends the call with the mapped status; the handler never runs. Synchronous checks pass
 * the call on without an extra turn of the event loop; only checks that do I/O (the tenant lookup on a cache
 * miss) await. Calls without a policy (health, reflection) pass untouched.
 */
export function checkingInterceptor(checks: readonly CallCheck[]): ServerInterceptor {
  return (_method, call) =>
    new ServerInterceptingCall(call, {
      start: (next) =>
        next(
          new ServerListenerBuilder()
            .withOnReceiveMetadata((metadata, pass) => {
              const context = findCallContext(metadata);
              if (!context?.policy) return pass(metadata);
              const refuse = (error: unknown) => call.sendStatus(toGrpcStatus(error, context.requestId, context.logger));
              let pending: void | Promise<void>;
              try {
                pending = runChecks(checks, 0, context as Parameters<CallCheck>[0], metadata);
              } catch (error) {
                return refuse(error);
              }
              if (pending instanceof Promise) pending.then(() => pass(metadata), refuse);
              else pass(metadata);
            })
            .build(),
        ),
    });
}
