import { context as otelContext, propagation, Span, SpanKind, SpanStatusCode, Tracer } from '@opentelemetry/api';
import { Metadata, ServerInterceptingCall, ServerInterceptor, ServerListenerBuilder, status } from '@grpc/grpc-js';

const metadataGetter = {
  keys: (carrier: Metadata) => Object.keys(carrier.getMap()),
  get: (carrier: Metadata, key: string) => {
    const value = carrier.get(key)[0];
    return typeof value === 'string' ? value : undefined;
  },
};

/**
 * First in the chain when tracing is configured: one SERVER span per RPC (child of the caller's W3C
 * `traceparent`), with the OpenTelemetry RPC attributes and the final status code.
 */
export function tracingInterceptor(tracer: Tracer): ServerInterceptor {
  return (method, call) => {
    let span: Span | undefined;
    const slash = method.path.lastIndexOf('/');
    return new ServerInterceptingCall(call, {
      start: (next) =>
        next(
          new ServerListenerBuilder()
            .withOnReceiveMetadata((metadata, pass) => {
              const parent = propagation.extract(otelContext.active(), metadata, metadataGetter);
              span = tracer.startSpan(
                method.path.slice(1),
                {
                  kind: SpanKind.SERVER,
                  attributes: { 'rpc.system': 'grpc', 'rpc.service': method.path.slice(1, slash), 'rpc.method': method.path.slice(slash + 1) },
                },
                parent,
              );
              pass(metadata);
            })
            .build(),
        ),
      sendStatus: (outcome, next) => {
        span?.setAttribute('rpc.grpc.status_code', outcome.code);
        if (outcome.code !== status.OK) span?.setStatus({ code: SpanStatusCode.ERROR, message: status[outcome.code] });
        span?.end();
        next(outcome);
      },
    });
  };
}
