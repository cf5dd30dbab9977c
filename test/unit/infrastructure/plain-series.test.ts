import { Counter, Histogram, Metric, Registry } from 'prom-client';
import { OneLabelHistogram, TwoLabelCounter } from '../../../src/infrastructure/metrics/plain-series';

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const QUERIES = ['userservice_db_queries_total', 'Database queries by pool (master, tenants) and outcome (ok, error).'] as const;
const QUERY_TIME = ['userservice_db_query_seconds', 'Database query duration by pool.'] as const;

/** Queries as the pools report them: pool, seconds, failed (on a bound, between bounds, over all). */
const QUERIES_RUN: Array<['master' | 'tenants', number, boolean]> = [
  ['tenants', 0.0003, false],
  ['tenants', 0.0005, false],
  ['tenants', 0.0041, true],
  ['master', 0.02, false],
  ['master', 11, true],
];

/** Lines sorted: the order of the series within a metric is not part of the format. */
const lines = (text: string) => text.split('\n').filter((line) => line !== '').sort();

it('the query series print what prom-client’s Counter and Histogram print for the same queries, zero-initialised series included', async () => {
  const theirs = new Registry();
  const count = new Counter({ name: QUERIES[0], help: QUERIES[1], labelNames: ['pool', 'outcome'], registers: [theirs] });
  const time = new Histogram({ name: QUERY_TIME[0], help: QUERY_TIME[1], labelNames: ['pool'], buckets: BUCKETS, registers: [theirs] });
  const ours = new Registry();
  const plainCount = new TwoLabelCounter({ name: QUERIES[0], help: QUERIES[1], labelNames: ['pool', 'outcome'] });
  const plainTime = new OneLabelHistogram({ name: QUERY_TIME[0], help: QUERY_TIME[1], labelNames: ['pool'], buckets: BUCKETS });
  ours.registerMetric(plainCount.metric() as unknown as Metric);
  ours.registerMetric(plainTime.metric() as unknown as Metric);
  for (const pool of ['master', 'tenants']) {
    for (const outcome of ['ok', 'error']) {
      count.inc({ pool, outcome }, 0);
      plainCount.inc(pool, outcome, 0);
    }
  }
  for (const [pool, seconds, failed] of QUERIES_RUN) {
    count.inc({ pool, outcome: failed ? 'error' : 'ok' });
    time.observe({ pool }, seconds);
    plainCount.inc(pool, failed ? 'error' : 'ok');
    plainTime.observe(pool, seconds);
  }
  const text = await ours.metrics();
  expect(lines(text)).toEqual(lines(await theirs.metrics()));
  expect(text).toContain('userservice_db_queries_total{pool="tenants",outcome="ok"} 2');
  expect(text).toContain('userservice_db_queries_total{pool="master",outcome="error"} 1');
  expect(text).toContain('userservice_db_query_seconds_bucket{le="0.0005",pool="tenants"} 2');
  expect(text).toContain('userservice_db_query_seconds_bucket{le="+Inf",pool="master"} 2');
  expect(text).toContain('userservice_db_query_seconds_count{pool="tenants"} 3');
});

it('a per-tenant call counter: the allowlist at 0 from the start, counts by tenant and code, and a reset starts from nothing', async () => {
  const calls = new TwoLabelCounter({ name: 'userservice_tenant_calls_total', help: 'RPCs completed for a tenant, by status code.', labelNames: ['tenant', 'grpc_code'] });
  const registry = new Registry();
  registry.registerMetric(calls.metric() as unknown as Metric);
  for (const tenant of ['acme', 'other']) calls.inc(tenant, 'OK', 0);
  expect(await registry.metrics()).toContain('userservice_tenant_calls_total{tenant="acme",grpc_code="OK"} 0');
  calls.inc('acme', 'OK');
  calls.inc('acme', 'NOT_FOUND');
  calls.inc('acme', 'OK');
  const text = await registry.metrics();
  expect(text).toContain('userservice_tenant_calls_total{tenant="acme",grpc_code="OK"} 2');
  expect(text).toContain('userservice_tenant_calls_total{tenant="acme",grpc_code="NOT_FOUND"} 1');
  expect(text).toContain('userservice_tenant_calls_total{tenant="other",grpc_code="OK"} 0');
  registry.resetMetrics();
  expect(await registry.metrics()).not.toContain('acme');
});
