import { propagation, trace, Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';

export interface TracingSettings {
  /** OTLP/HTTP endpoint, e.g. http://otel-collector:4318 (traces go to <endpoint>/v1/traces). */
  endpoint: string;
  serviceName: string;
  /** Fraction of new traces sampled (callers' sampling decisions are followed). */
  sampleRatio: number;
}

/**
 * OpenTelemetry tracing, started only when configured: spans are exported over OTLP/HTTP in batches,
 * W3C `traceparent` from callers is honoured. Returns the tracer and a shutdown that flushes.
 */
export function startTracing(settings: TracingSettings): { tracer: Tracer; shutdown: () => Promise<void> } {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${settings.endpoint.replace(/\/$/, '')}/v1/traces` }), scheduledDelayMillis: 500 })],
  });
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return { tracer: provider.getTracer('user-service'), shutdown: () => provider.shutdown() };
}
