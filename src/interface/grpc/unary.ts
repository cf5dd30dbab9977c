import { handleUnaryCall, Metadata, sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { runWithOrigin } from '../../application/shared/request-origin';
import { CallContext, callContextOf } from './call-context';
import { toGrpcStatus } from './errors/to-grpc-status';
import { undecodableRequest } from './undecodable-request';

/**
 * Adapts an async method of ours to grpc-js. grpc-js does not catch a rejected promise (the call would
 * hang to the client's deadline), so every outcome is answered here: a value, or the mapped status.
 * The method runs with the request's origin (caller, request id, address) for the events it records.
 */
export function unary<Req, Res>(method: (request: Req, context: CallContext) => Promise<Res>): handleUnaryCall<Req, Res> {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => {
    const context = callContextOf(call);
    if (call.cancelled) return; // the caller gave up (deadline or cancel) before we started
    const undecodable = undecodableRequest(call.request);
    if (undecodable) return callback(toGrpcStatus(undecodable, context.requestId, context.logger));
    // grpc-js marks the call cancelled when its stream closes early (and, harmlessly, after it ends). A getter
    // instead of an AbortController: aborting one builds a DOMException, about 15 µs on every call.
    const signal = { get aborted() { return call.cancelled; } };
    const origin = {
      actorId: context.principal?.subject,
      actorRole: context.principal?.role,
      requestId: context.requestId,
      callerAddress: context.peer,
      // A getter: only sign-in and refresh read it, so other calls do not pay for the metadata lookup.
      get userAgent() {
        return userAgentOf(call.metadata);
      },
      signal,
    };
    runWithOrigin(origin, () => method(call.request, context)).then(
      (response) => callback(null, response),
      (error: unknown) => callback(toGrpcStatus(error, context.requestId, context.logger)),
    );
  };
}

/** The first `user-agent` header, if it is text. */
function userAgentOf(metadata: Metadata): string | undefined {
  const [value] = metadata.get('user-agent');
  return typeof value === 'string' && value !== '' ? value : undefined;
}
