import { Metadata, ServerInterceptingCall, ServerInterceptor, ServerListenerBuilder, status } from '@grpc/grpc-js';
import { Logger } from '../../../application/shared/logger';
import { DomainError } from '../../../domain/shared/domain-error';
import { CallObserver } from '../call-observer';
import { toGrpcStatus } from '../errors/to-grpc-status';
import { MAX_METADATA_BYTES, metadataBytes, requestIdOf } from '../request-metadata';

/**
 * The request id, metadata cap, log line and metrics for calls of services that are not ours (health and
 * reflection), whose handlers `unary()` does not wrap. A call of ours passes through untouched (the layer
 * returns grpc-js' own call object, so it costs nothing): `unary()` does all of this for it, in one place.
 */
export function foreignServicesInterceptor(ours: ReadonlySet<string>, logger: Logger, observe: CallObserver): ServerInterceptor {
  return (method, call) => {
    // grpc-js only calls the interface's methods on what an interceptor returns; its type asks for the class.
    if (ours.has(method.path)) return call as ServerInterceptingCall;
    let requestId: string | undefined;
    const startedAt = performance.now();
    return new ServerInterceptingCall(call, {
      start: (next) =>
        next(
          new ServerListenerBuilder()
            .withOnReceiveMetadata((metadata, pass) => {
              requestId = requestIdOf(metadata);
              if (metadataBytes(metadata) > MAX_METADATA_BYTES) {
                const tooLarge = DomainError.of('METADATA_TOO_LARGE', `request metadata exceeds ${MAX_METADATA_BYTES} bytes`);
                call.sendStatus(toGrpcStatus(tooLarge, requestId, logger));
                return;
              }
              pass(metadata);
            })
            .build(),
        ),
      sendMetadata: (metadata, next) => {
        if (requestId) metadata.set('x-request-id', requestId);
        next(metadata);
      },
      sendStatus: (outcome, next) => {
        if (!requestId) return next(outcome);
        const trailers = outcome.metadata ?? new Metadata();
        trailers.set('x-request-id', requestId);
        const seconds = (performance.now() - startedAt) / 1000;
        observe(method.path, status[outcome.code], seconds);
        if (outcome.code !== status.OK) {
          logger.info({ requestId, method: method.path, code: status[outcome.code], ms: Math.round(seconds * 100_000) / 100, details: outcome.details }, 'call failed');
        }
        next({ ...outcome, metadata: trailers });
      },
    });
  };
}
