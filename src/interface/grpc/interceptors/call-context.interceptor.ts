import { randomUUID } from 'node:crypto';
import { Metadata, ServerInterceptingCall, ServerInterceptor, ServerListenerBuilder, status } from '@grpc/grpc-js';
import { Logger } from '../../../application/shared/logger';
import { DomainError } from '../../../domain/shared/domain-error';
import { toGrpcStatus } from '../errors/to-grpc-status';
import { attachCallContext, CallContext } from '../call-context';
import { AccessPolicy } from '../policy/access-policies';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Largest request metadata accepted (16 KiB): a token and a few headers. */
export const MAX_METADATA_BYTES = 16 * 1024;

/**
 * Size of the request metadata as sent: every value of every key (a repeated key, and a `-bin` value that
 * grpc-js split on commas, count each time), binary values as their base64 text, plus the name each time.
 * `getMap()` would keep only the first value of each key.
 */
export function metadataBytes(metadata: Metadata): number {
  let total = 0;
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    for (const value of values) total += key.length + (typeof value === 'string' ? Buffer.byteLength(value) : Math.ceil(value.length / 3) * 4);
  }
  return total;
}

/** Receives every finished call (metrics): its path, status code, duration, and tenant slug if it resolved one. */
export type CallObserver = (path: string, code: string, seconds: number, tenant?: string) => void;

/**
 * First in the chain: gives every call a request id (the caller's `x-request-id` when well-formed),
 * creates its CallContext, returns the id in response headers and trailers, and logs and counts the outcome.
 */
export function callContextInterceptor(policies: Map<string, AccessPolicy>, logger: Logger, observe: CallObserver): ServerInterceptor {
  return (method, call) => {
    let context: CallContext | undefined;
    // grpc-js calls onCancel when the stream closes, after a status was sent too: only a call that has not
    // ended was cancelled.
    let ended = false;
    const startedAt = performance.now();
    return new ServerInterceptingCall(call, {
      start: (next) =>
        next(
          new ServerListenerBuilder()
            .withOnReceiveMetadata((metadata, pass) => {
              const offered = metadata.get('x-request-id')[0];
              const requestId = typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
              let child: Logger | undefined;
              context = {
                requestId,
                method: method.path,
                peer: call.getPeer(),
                // Made on first use: most calls log nothing until they end.
                get logger() {
                  return (child ??= logger.child({ requestId, method: method.path }));
                },
                policy: policies.get(method.path),
              };
              attachCallContext(metadata, context);
              // grpc-js has no server-side metadata cap: enforce ours before anything reads the headers.
              if (metadataBytes(metadata) > MAX_METADATA_BYTES) {
                call.sendStatus(
                  toGrpcStatus(
                    DomainError.of('METADATA_TOO_LARGE', `request metadata exceeds ${MAX_METADATA_BYTES} bytes`),
                    requestId,
                    context.logger,
                  ),
                );
                return;
              }
              pass(metadata);
            })
            .withOnCancel(() => !ended && context?.logger.info({ code: 'CANCELLED', ms: Math.round(performance.now() - startedAt) }, 'call cancelled by the caller or its deadline'))
            .build(),
        ),
      sendMetadata: (metadata, next) => {
        if (context) metadata.set('x-request-id', context.requestId);
        next(metadata);
      },
      sendStatus: (outcome, next) => {
        ended = true;
        if (context) {
          const trailers = outcome.metadata ?? new Metadata();
          trailers.set('x-request-id', context.requestId);
          const seconds = (performance.now() - startedAt) / 1000;
          observe(method.path, status[outcome.code], seconds, context.tenant?.slug);
          const fields = {
            code: status[outcome.code],
            ms: Math.round(seconds * 100_000) / 100,
            tenant: context.tenant?.slug,
            peer: context.peer,
          };
          if (outcome.code !== status.OK) context.logger.info({ ...fields, details: outcome.details }, 'call failed');
          else if (logger.isLevelEnabled('debug')) context.logger.debug(fields, 'call completed');
          next({ ...outcome, metadata: trailers });
        } else {
          next(outcome);
        }
      },
    });
  };
}
