import { handleUnaryCall, Metadata, sendUnaryData, ServerUnaryCall, status, StatusObject } from '@grpc/grpc-js';
import { Logger } from '../../application/shared/logger';
import { DomainError } from '../../domain/shared/domain-error';
import { CallContext } from './call-context';
import { CallObserver } from './call-observer';
import { toGrpcStatus } from './errors/to-grpc-status';
import { CallCheck, runChecks } from './interceptors/call-check';
import { AccessPolicy } from './policy/access-policies';
import { MAX_METADATA_BYTES, metadataBytes, requestIdOf } from './request-metadata';
import { ServedCall } from './served-call';
import { undecodableRequest } from './undecodable-request';

/** What every call of ours goes through, shared by all methods of one server. */
export interface CallPipeline {
  logger: Logger;
  observe: CallObserver;
  /** In order: the first that throws refuses the call (authentication → role → tenant → account). */
  checks: readonly CallCheck[];
}

/** One method on one server: its path, its access policy (read from the proto at start) and the pipeline. */
export interface MethodBinding {
  path: string;
  policy: AccessPolicy;
  pipeline: CallPipeline;
}

type Method<Req, Res> = (request: Req, context: CallContext) => Promise<Res>;

const BINDERS = new WeakMap<object, (binding: MethodBinding) => void>();

/**
 * Adapts an async method of ours to grpc-js, and is the whole path of a call through our code: request id,
 * metadata cap, the checks, the request's decoding, the method, and the answer with its log line and
 * metrics. One function instead of a chain of grpc-js server interceptors: each interceptor layer wraps the
 * call again (several microseconds and allocations per call and layer), and the context is handed to the
 * method directly instead of riding on the Metadata object. grpc-js does not catch a rejected promise (the
 * call would hang to the client's deadline), so every outcome is answered here: a value, or the mapped
 * status. The handler serves only once `bindUnary` gave it its path, policy and pipeline (grpc-server.ts).
 */
export function unary<Req, Res>(method: Method<Req, Res>): handleUnaryCall<Req, Res> {
  let binding: MethodBinding | undefined;
  const handler: handleUnaryCall<Req, Res> = (call, callback) => {
    if (binding === undefined) return callback({ code: status.INTERNAL, details: 'internal error: method not bound to a server' });
    serve(binding, method, call, callback);
  };
  BINDERS.set(handler, (b) => {
    binding = b;
  });
  return handler;
}

/** Gives a handler made by `unary()` its path, policy and pipeline; false for any other function. */
export function bindUnary(handler: unknown, binding: MethodBinding): boolean {
  const bind = typeof handler === 'function' ? BINDERS.get(handler) : undefined;
  bind?.(binding);
  return bind !== undefined;
}

function serve<Req, Res>(binding: MethodBinding, method: Method<Req, Res>, call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void {
  const startedAt = performance.now();
  const { pipeline } = binding;
  const metadata = call.metadata;
  const context = new ServedCall(requestIdOf(metadata), binding.path, binding.policy, call, pipeline.logger);

  const finish = (code: status, details?: string) => {
    const seconds = (performance.now() - startedAt) / 1000;
    // grpc-js marks the call cancelled when its stream closed before our answer: the caller gave up.
    const given = call.cancelled ? 'CANCELLED' : status[code];
    pipeline.observe(binding.path, given, seconds, context.tenant?.slug);
    const ms = Math.round(seconds * 100_000) / 100;
    if (call.cancelled) context.logger.info({ code: given, ms }, 'call cancelled by the caller or its deadline');
    else if (code !== status.OK) context.logger.info({ code: given, ms, tenant: context.tenant?.slug, peer: context.peer, details }, 'call failed');
    else if (pipeline.logger.isLevelEnabled('debug')) context.logger.debug({ code: given, ms, tenant: context.tenant?.slug, peer: context.peer }, 'call completed');
  };
  const refuse = (error: unknown) => {
    const outcome: StatusObject = toGrpcStatus(error, context.requestId, context.logger);
    outcome.metadata.set('x-request-id', context.requestId);
    finish(outcome.code, outcome.details);
    callback(outcome);
  };
  const answer = (response: Res) => {
    // The same object serves as headers (grpc-js turns it into HTTP/2 headers at once) and trailers.
    const echo = new Metadata();
    echo.set('x-request-id', context.requestId);
    call.sendMetadata(echo);
    finish(status.OK);
    callback(null, response, echo);
  };
  const run = () => {
    if (call.cancelled) return finish(status.CANCELLED);
    const undecodable = undecodableRequest(call.request);
    if (undecodable) return refuse(undecodable);
    // The context is also the request's origin (caller, request id, address): the method hands it to the
    // commands it runs, for the events they record.
    method(call.request, context).then(answer, refuse);
  };

  // grpc-js has no server-side metadata cap: ours, before anything reads the headers.
  if (metadataBytes(metadata) > MAX_METADATA_BYTES) return refuse(DomainError.of('METADATA_TOO_LARGE', `request metadata exceeds ${MAX_METADATA_BYTES} bytes`));
  let pending: void | Promise<void>;
  try {
    pending = runChecks(pipeline.checks, 0, context as Parameters<CallCheck>[0], metadata);
  } catch (error) {
    return refuse(error);
  }
  if (pending === undefined) run();
  else pending.then(run, refuse);
}
