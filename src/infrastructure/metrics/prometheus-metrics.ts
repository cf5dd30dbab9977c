import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Metric, Registry } from 'prom-client';
import { MAIL_KINDS } from '../../application/mail/mailer';
import { LoginOutcome, RefreshOutcome, SecondFactorOutcome, Telemetry } from '../../application/shared/telemetry';
import type { MailTelemetry } from '../mail/mail-dispatcher';
import { GrpcCallSeries } from './grpc-call-series';
import { OneLabelHistogram, TwoLabelCounter } from './plain-series';

/** Where the gauges read their values at scrape time. */
export interface MetricSources {
  cache: () => { l1: { hits: number; misses: number; size: number }; l2: { hits: number; misses: number }; redis: { errors: number; breaker: string } };
  tenantClients: () => { open: number; capacity: number; evictions: number; connections: { total: number; idle: number; waiting: number } };
  masterPool: () => { total: number; idle: number; waiting: number };
  passwordHashing: () => { queueDepth: number; inFlight: number; rejections: number };
}

const GAUGES_NAMED_LIKE_COUNTERS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Prometheus metrics on their own HTTP port (`/metrics`). Labels are bounded: service, method, status
 * code, cache tier, outcome — never a tenant or a user, so thousands of tenants add no series.
 */
export class PrometheusMetrics implements Telemetry, MailTelemetry {
  readonly registry = new Registry();
  /** grpc_server_handled_total and grpc_server_handling_seconds: every call passes here (grpc-call-series.ts). */
  private readonly calls = new GrpcCallSeries(LATENCY_BUCKETS);
  private readonly logins: Counter<'outcome'>;
  private readonly secondFactors: Counter<'outcome'>;
  private readonly refreshes: Counter<'outcome'>;
  private readonly provisioned: Counter<'outcome'>;
  private readonly provisioning: Histogram<'outcome'>;
  /** Every query of every cache miss passes here: plain series, like the calls' (plain-series.ts). */
  private readonly queries = new TwoLabelCounter({ name: 'userservice_db_queries_total', help: 'Database queries by pool (master, tenants) and outcome (ok, error).', labelNames: ['pool', 'outcome'] });
  private readonly queryTime = new OneLabelHistogram({ name: 'userservice_db_query_seconds', help: 'Database query duration by pool.', labelNames: ['pool'], buckets: LATENCY_BUCKETS });
  private readonly tenantCalls?: TwoLabelCounter;
  private readonly countedTenants: ReadonlySet<string>;
  private readonly mailSentTotal: Counter<'kind'>;
  private readonly mailFailedTotal: Counter<'kind'>;
  /** Per tenant database the dispatcher has looked at: messages waiting and the oldest one's queue time. */
  private readonly mailQueues = new Map<string, { depth: number; oldest: number | undefined }>();
  private server?: Server;

  /**
   * `tenantAllowlist` (METRICS_TENANT_ALLOWLIST): tenants whose calls are also counted under their own
   * `tenant` label, on one counter, every other tenant as `tenant="other"`. Empty: no per-tenant series.
   */
  constructor(tenantAllowlist: readonly string[] = []) {
    collectDefaultMetrics({ register: this.registry });
    // prom-client's totals of these are gauges named like counters, which `promtool check metrics` rejects
    // (prometheus/client_js#283); `sum without (type) (nodejs_active_handles)` gives the same number.
    for (const name of GAUGES_NAMED_LIKE_COUNTERS) this.registry.removeSingleMetric(name);
    const registers = [this.registry];
    // Not prom-client's Counter and Histogram (the registry takes any object of their shape): see GrpcCallSeries.
    this.registry.registerMetric(this.calls.handledMetric('grpc_server_handled_total', 'RPCs completed on the server, by status code.') as unknown as Metric);
    this.registry.registerMetric(this.calls.handlingMetric('grpc_server_handling_seconds', 'Time from receiving an RPC to sending its status.') as unknown as Metric);
    this.logins = new Counter({ name: 'userservice_logins_total', help: 'Login attempts by outcome (success, failure, locked, refused: the right password, refused by the tenant policy).', labelNames: ['outcome'], registers });
    this.secondFactors = new Counter({
      name: 'userservice_second_factor_attempts_total',
      help: 'Second-factor codes at sign-in (VerifySecondFactor, ConfirmRequiredTotpEnrollment) by outcome (success, failure, locked): each is after the right password.',
      labelNames: ['outcome'],
      registers,
    });
    this.refreshes = new Counter({
      name: 'userservice_token_refreshes_total',
      help: 'RefreshToken calls by outcome (rotated; reused: a used token presented again, its session revoked; invalid).',
      labelNames: ['outcome'],
      registers,
    });
    this.provisioned = new Counter({ name: 'userservice_tenant_provisioning_total', help: 'Tenant database provisionings by outcome.', labelNames: ['outcome'], registers });
    this.registry.registerMetric(this.queries.metric() as unknown as Metric);
    this.registry.registerMetric(this.queryTime.metric() as unknown as Metric);
    this.provisioning = new Histogram({ name: 'userservice_tenant_provisioning_seconds', help: 'Time to create and migrate a tenant database.', labelNames: ['outcome'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers });
    this.countedTenants = new Set(tenantAllowlist);
    this.mailSentTotal = new Counter({ name: 'userservice_mail_sent_total', help: 'Messages the SMTP server (or the .eml folder) accepted, by kind.', labelNames: ['kind'], registers });
    this.mailFailedTotal = new Counter({ name: 'userservice_mail_failed_total', help: 'Delivery attempts that failed (each is retried with backoff), by kind.', labelNames: ['kind'], registers });
    const queues = this.mailQueues;
    new Gauge({
      name: 'userservice_mail_queued',
      help: 'Messages waiting in the mail queues of the tenant databases this replica dispatched for.',
      registers,
      collect() { this.set([...queues.values()].reduce((sum, q) => sum + q.depth, 0)); },
    });
    new Gauge({
      name: 'userservice_mail_queue_oldest_seconds',
      help: 'Age of the oldest message still waiting in a mail queue (0 when every queue is empty).',
      registers,
      collect() {
        const oldest = Math.min(...[...queues.values()].map((q) => q.oldest ?? Infinity));
        this.set(Number.isFinite(oldest) ? Math.max(0, (Date.now() - oldest) / 1000) : 0);
      },
    });
    for (const kind of MAIL_KINDS) {
      this.mailSentTotal.inc({ kind }, 0);
      this.mailFailedTotal.inc({ kind }, 0);
    }
    if (tenantAllowlist.length > 0) {
      this.tenantCalls = new TwoLabelCounter({
        name: 'userservice_tenant_calls_total',
        help: 'RPCs completed for a tenant, by status code: the tenants of METRICS_TENANT_ALLOWLIST by slug, all others as "other".',
        labelNames: ['tenant', 'grpc_code'],
      });
      this.registry.registerMetric(this.tenantCalls.metric() as unknown as Metric);
      for (const tenant of [...tenantAllowlist, 'other']) this.tenantCalls.inc(tenant, 'OK', 0);
    }
    // Every known label value exists from the start at 0: a series born at its first increment hides that
    // increment from rate()/increase(), and panels would show "No data" instead of 0.
    for (const outcome of ['success', 'failure', 'locked', 'refused']) this.logins.inc({ outcome }, 0);
    for (const outcome of ['success', 'failure', 'locked']) this.secondFactors.inc({ outcome }, 0);
    for (const outcome of ['rotated', 'reused', 'invalid']) this.refreshes.inc({ outcome }, 0);
    for (const outcome of ['success', 'failure']) this.provisioned.inc({ outcome }, 0);
    for (const pool of ['master', 'tenants']) for (const outcome of ['ok', 'error']) this.queries.inc(pool, outcome, 0);
  }

  /** Records one finished RPC; `path` is `/package.Service/Method`; `tenant` the slug it ran in, if any. */
  observeCall(path: string, code: string, seconds: number, tenant?: string): void {
    if (this.tenantCalls && tenant !== undefined) this.tenantCalls.inc(this.countedTenants.has(tenant) ? tenant : 'other', code);
    this.calls.observe(path, code, seconds);
  }

  /** Records one database query (see instrumentPool). */
  observeQuery(pool: 'master' | 'tenants', seconds: number, failed: boolean): void {
    this.queries.inc(pool, failed ? 'error' : 'ok');
    this.queryTime.observe(pool, seconds);
  }

  loginAttempt(outcome: LoginOutcome): void {
    this.logins.inc({ outcome });
  }

  secondFactorAttempt(outcome: SecondFactorOutcome): void {
    this.secondFactors.inc({ outcome });
  }

  tokenRefresh(outcome: RefreshOutcome): void {
    this.refreshes.inc({ outcome });
  }

  mailSent(kind: string): void {
    this.mailSentTotal.inc({ kind });
  }

  mailFailed(kind: string): void {
    this.mailFailedTotal.inc({ kind });
  }

  mailQueue(tenantId: string, depth: number, oldest: Date | undefined): void {
    if (depth === 0) this.mailQueues.delete(tenantId);
    else this.mailQueues.set(tenantId, { depth, oldest: oldest?.getTime() });
  }

  tenantProvisioned(outcome: 'success' | 'failure', seconds: number): void {
    this.provisioned.inc({ outcome });
    this.provisioning.observe({ outcome }, seconds);
  }

  /** Gauges and counters whose values live elsewhere, read at scrape time. */
  watch(sources: MetricSources): void {
    const registers = [this.registry];
    new Counter({
      name: 'userservice_cache_hits_total',
      help: 'Cache reads answered by a tier (l1 in process, l2 Redis).',
      labelNames: ['tier'],
      registers,
      collect() {
        const s = sources.cache();
        this.reset();
        this.inc({ tier: 'l1' }, s.l1.hits);
        this.inc({ tier: 'l2' }, s.l2.hits);
      },
    });
    new Counter({
      name: 'userservice_cache_misses_total',
      help: 'Cache reads a tier could not answer.',
      labelNames: ['tier'],
      registers,
      collect() {
        const s = sources.cache();
        this.reset();
        this.inc({ tier: 'l1' }, s.l1.misses);
        this.inc({ tier: 'l2' }, s.l2.misses);
      },
    });
    new Gauge({ name: 'userservice_cache_l1_entries', help: 'Entries in the in-process cache.', registers, collect() { this.set(sources.cache().l1.size); } });
    new Counter({ name: 'userservice_cache_redis_errors_total', help: 'Redis commands of the cache that failed.', registers, collect() { this.reset(); this.inc(sources.cache().redis.errors); } });
    new Gauge({ name: 'userservice_cache_redis_breaker_open', help: '1 while the Redis circuit breaker is open (Redis bypassed).', registers, collect() { this.set(sources.cache().redis.breaker === 'open' ? 1 : 0); } });
    new Gauge({ name: 'userservice_tenant_clients_open', help: 'Tenant database clients cached.', registers, collect() { this.set(sources.tenantClients().open); } });
    new Gauge({ name: 'userservice_tenant_clients_capacity', help: 'Most tenant database clients kept (TENANT_CLIENT_CACHE_SIZE).', registers, collect() { this.set(sources.tenantClients().capacity); } });
    new Counter({ name: 'userservice_tenant_client_evictions_total', help: 'Tenant database clients closed to stay within capacity.', registers, collect() { this.reset(); this.inc(sources.tenantClients().evictions); } });
    new Gauge({
      name: 'userservice_db_pool_connections',
      help: 'Database pool connections by pool (master, tenants) and state (total, idle, waiting = acquirers queued).',
      labelNames: ['pool', 'state'],
      registers,
      collect() {
        const master = sources.masterPool();
        const tenants = sources.tenantClients().connections;
        for (const [pool, s] of [['master', master], ['tenants', tenants]] as const) {
          this.set({ pool, state: 'total' }, s.total);
          this.set({ pool, state: 'idle' }, s.idle);
          this.set({ pool, state: 'waiting' }, s.waiting);
        }
      },
    });
    new Gauge({ name: 'userservice_password_hash_queue_depth', help: 'Password hashes waiting for a slot.', registers, collect() { this.set(sources.passwordHashing().queueDepth); } });
    new Gauge({ name: 'userservice_password_hash_in_flight', help: 'Password hashes being computed.', registers, collect() { this.set(sources.passwordHashing().inFlight); } });
    new Counter({ name: 'userservice_password_hash_rejections_total', help: 'Password hashes refused because the queue was full (RESOURCE_EXHAUSTED).', registers, collect() { this.reset(); this.inc(sources.passwordHashing().rejections); } });
  }

  /**
   * Serves `/metrics`, and whatever `extra` answers (the live API documentation); resolves with the bound
   * port.
   */
  serve(host: string, port: number, extra?: (request: IncomingMessage, response: ServerResponse) => boolean): Promise<number> {
    this.server = createServer((request, response) => {
      if (request.url !== '/metrics') {
        if (extra?.(request, response)) return;
        response.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (body) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(body),
        () => response.writeHead(500).end(),
      );
    });
    const server = this.server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  close(): Promise<void> {
    const server = this.server;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}
