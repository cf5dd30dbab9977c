import { Metadata, ServerInterceptingCall, ServerInterceptor, ServerListenerBuilder } from '@grpc/grpc-js';
import { CallContext, findCallContext } from '../call-context';
import { toGrpcStatus } from '../errors/to-grpc-status';

/** A check on a call of ours: returns when the call may go on, throws a DomainError to refuse it. */
export type CallCheck = (context: CallContext & { policy: NonNullable<CallContext['policy']> }, metadata: Metadata) => void | Promise<void>;

/**
 * Builds a server interceptor that runs `check` once the request metadata arrives. A refused call ends
 * with the mapped status and never reaches the handler. Synchronous checks pass the call on without an
 * extra turn of the event loop; only checks that do I/O (the tenant lookup on a cache miss) await.
 */
export function checkingInterceptor(check: CallCheck): ServerInterceptor {
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
                pending = check(context as Parameters<CallCheck>[0], metadata);
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
