import { Counter, Histogram, Metric, Registry } from 'prom-client';
import { GrpcCallSeries } from '../../../src/infrastructure/metrics/grpc-call-series';

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const HANDLED = ['grpc_server_handled_total', 'RPCs completed on the server, by status code.'] as const;
const HANDLING = ['grpc_server_handling_seconds', 'Time from receiving an RPC to sending its status.'] as const;

/** Calls as the server records them: path, status name, seconds (on a bound, between bounds, over all). */
const CALLS: Array<[string, string, number]> = [
  ['/userservice.v1.UserService/GetMe', 'OK', 0.0004],
  ['/userservice.v1.UserService/GetMe', 'OK', 0.001],
  ['/userservice.v1.UserService/GetMe', 'UNAUTHENTICATED', 0.0031],
  ['/userservice.v1.AuthService/Login', 'OK', 0.07],
  ['/userservice.v1.AuthService/Login', 'UNAUTHENTICATED', 12],
  ['/grpc.health.v1.Health/Check', 'OK', 0],
];

/** The exposition prom-client's own Counter and Histogram give for the same calls. */
async function promClientExposition(): Promise<string> {
  const registry = new Registry();
  const handled = new Counter({ name: HANDLED[0], help: HANDLED[1], labelNames: ['grpc_service', 'grpc_method', 'grpc_code'], registers: [registry] });
  const handling = new Histogram({ name: HANDLING[0], help: HANDLING[1], labelNames: ['grpc_service', 'grpc_method'], buckets: BUCKETS, registers: [registry] });
  for (const [path, code, seconds] of CALLS) {
    const [, service, method] = /^\/(.+)\/([^/]+)$/.exec(path)!;
    handled.inc({ grpc_service: service, grpc_method: method, grpc_code: code });
    handling.observe({ grpc_service: service, grpc_method: method }, seconds);
  }
  return registry.metrics();
}

async function ourExposition(series = new GrpcCallSeries(BUCKETS)): Promise<string> {
  const registry = new Registry();
  registry.registerMetric(series.handledMetric(...HANDLED) as unknown as Metric);
  registry.registerMetric(series.handlingMetric(...HANDLING) as unknown as Metric);
  for (const [path, code, seconds] of CALLS) series.observe(path, code, seconds);
  return registry.metrics();
}

/** Lines by metric, sorted: the order of the series within a metric is not part of the format. */
function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '').sort();
}

it('prints the same series and values as prom-client Counter and Histogram fed the same calls', async () => {
  const ours = await ourExposition();
  expect(lines(ours)).toEqual(lines(await promClientExposition()));
  // What a dashboard reads: cumulative buckets, +Inf, sum and count per method.
  expect(ours).toContain('grpc_server_handling_seconds_bucket{le="0.001",grpc_service="userservice.v1.UserService",grpc_method="GetMe"} 2');
  expect(ours).toContain('grpc_server_handling_seconds_bucket{le="10",grpc_service="userservice.v1.AuthService",grpc_method="Login"} 1');
  expect(ours).toContain('grpc_server_handling_seconds_bucket{le="+Inf",grpc_service="userservice.v1.AuthService",grpc_method="Login"} 2');
  expect(ours).toContain('grpc_server_handling_seconds_count{grpc_service="userservice.v1.UserService",grpc_method="GetMe"} 3');
  expect(ours).toContain('grpc_server_handled_total{grpc_service="userservice.v1.UserService",grpc_method="GetMe",grpc_code="OK"} 2');
});

it('keeps counting across scrapes, and a reset of the registry starts from nothing', async () => {
  const series = new GrpcCallSeries(BUCKETS);
  const registry = new Registry();
  registry.registerMetric(series.handledMetric(...HANDLED) as unknown as Metric);
  series.observe('/userservice.v1.UserService/GetMe', 'OK', 0.002);
  await registry.metrics();
  series.observe('/userservice.v1.UserService/GetMe', 'OK', 0.002);
  expect(await registry.metrics()).toContain('grpc_server_handled_total{grpc_service="userservice.v1.UserService",grpc_method="GetMe",grpc_code="OK"} 2');
  registry.resetMetrics();
  expect(await registry.metrics()).not.toContain('GetMe');
});
