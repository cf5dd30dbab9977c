import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { Container } from 'inversify';
import { setLogger as setGrpcLogger } from '@grpc/grpc-js';
import { systemClock } from './application/shared/clock';
import { Logger } from './application/shared/logger';
import { BootstrapSuperAdmin } from './application/platform-admin/bootstrap-super-admin';
import { TenantProvisioningSweeper } from './application/tenant/tenant-provisioning-sweeper';
import { AppConfig } from './config/config';
import { databaseUrlError } from './config/startup-error';
import { buildContainer } from './di/container';
import { grpcModule } from './di/modules/grpc.module';
import { openPersistence } from './di/persistence';
import { TOKENS } from './di/tokens';
import { Argon2PasswordHasher } from './infrastructure/crypto/argon2-password-hasher';
import { JwtAccessTokens } from './infrastructure/crypto/jwt-access-tokens';
import { loadSigningKey, loadVerificationKeys } from './infrastructure/crypto/signing-key';
import { loadSecretBox } from './infrastructure/crypto/secret-box';
import { lockDataDir } from './infrastructure/embedded/data-dir-lock';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from './infrastructure/embedded/embedded-postgres-server';
import { assertPortFree, portError } from './infrastructure/port-probe';
import { createTieredCache } from './infrastructure/cache/create-tiered-cache';
import { PostgresInvalidationChannel } from './infrastructure/cache/postgres-invalidation-channel';
import { createRedisClient } from './infrastructure/redis/redis-client';
import { MemoryPasswordAttemptBudget } from './infrastructure/throttle/memory-password-attempt-budget';
import { RedisPasswordAttemptBudget } from './infrastructure/throttle/redis-password-attempt-budget';
import { MemoryRateLimiter } from './infrastructure/throttle/memory-rate-limiter';
import { RedisRateLimiter } from './infrastructure/throttle/redis-rate-limiter';
import { BackgroundWork } from './application/shared/background-work';
import { Mailer } from './application/mail/mailer';
import { EmlFileMailer } from './infrastructure/mail/eml-file-mailer';
import { MailDispatcher } from './infrastructure/mail/mail-dispatcher';
import { SmtpMailer } from './infrastructure/mail/smtp-mailer';
import { ApiDocsHandler } from './infrastructure/api-docs/api-docs-handler';
import { PrometheusMetrics } from './infrastructure/metrics/prometheus-metrics';
import { Outbox } from './infrastructure/outbox/outbox';
import { OutboxRelay } from './infrastructure/outbox/outbox-relay';
import { RedisStreamsPublisher } from './infrastructure/outbox/redis-streams-publisher';
import { createLogger } from './infrastructure/logging/pino-logger';
import { PrismaMigrator } from './infrastructure/prisma/migrator';
import { descriptorSetPath } from './infrastructure/project-root';
import { ensureDatabaseExists } from './infrastructure/prisma/ensure-database';
import { bindGrpcServer, createGrpcServer } from './interface/grpc/grpc-server';
import { drainGracefully } from './interface/grpc/graceful-drain';
import { HealthReporter } from './interface/grpc/health-reporter';

/** Longest wait for one part (pools, Redis, the embedded database) to close at stop. */
const CLOSE_TIMEOUT_MS = 2_000;
/** Longest wait for all parts together, after the calls are drained: stop ends within grace + this. */
export const CLOSE_BUDGET_MS = 5_000;

/** Development super-admin of the embedded default; its password is made on first start. */
export const DEV_SUPERADMIN_EMAIL = 'admin@example.com';

export interface RunningApp {
  port: number;
  /** Port of the Prometheus `/metrics` endpoint. */
  metricsPort: number;
  container: Container;
  logger: Logger;
  /** Stops taking calls, drains in-flight ones (up to the grace period), then closes every pool. */
  stop(): Promise<void>;
  /**
   * The orderly stop of SIGTERM: health NOT_SERVING at once, new and in-flight calls still served for
   * `delaySeconds` (while load balancers and Kubernetes take the replica out), then `stop()`. Called again
   * during the delay, it ends the delay at once.
   */
  shutdown(delaySeconds: number): Promise<void>;
}

export interface StartOptions {
  /** Log destination (tests capture logs); stdout by default. */
  logDestination?: Parameters<typeof createLogger>[1];
}

/** The composition root: builds everything from configuration and starts serving. */
export async function startApp(config: AppConfig, options: StartOptions = {}): Promise<RunningApp> {
  const logger = createLogger(config.logLevel, options.logDestination);
  const closers: Array<() => Promise<unknown>> = [];
  // Each part gets a bounded time to close, so work that outlives the grace period cannot hang the stop.
  const closeAll = async () => {
    const deadline = performance.now() + CLOSE_BUDGET_MS;
    for (const close of closers.reverse()) {
      const wait = Math.max(0, Math.min(CLOSE_TIMEOUT_MS, deadline - performance.now()));
      await Promise.race([close(), new Promise((resolve) => setTimeout(resolve, wait).unref())]).catch((error: unknown) =>
        logger.warn({ err: error }, 'error while closing'),
      );
    }
  };
  // grpc-js reports some failures (a port it cannot bind) on stderr in its own format: as JSON log lines instead.
  setGrpcLogger({
    error: (...args: unknown[]) => logger.warn({ component: 'grpc-js' }, args.map(String).join(' ')),
    info: (...args: unknown[]) => logger.debug({ component: 'grpc-js' }, args.map(String).join(' ')),
    debug: (...args: unknown[]) => logger.debug({ component: 'grpc-js' }, args.map(String).join(' ')),
  });
  try {
    // What a setting can make fail is checked first, before the slow work (the embedded database, the
    // migrations, the templates): another instance on the data folder, ports in use.
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const lock = lockDataDir(config.dataDir);
      closers.push(async () => lock.release());
    }
    await assertPortFree('GRPC_PORT', config.grpc.host, config.grpc.port);
    await assertPortFree('METRICS_PORT', config.metrics.host, config.metrics.port);
    let embedded: EmbeddedPostgresHandle | undefined;
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, logger);
      closers.push(() => embedded!.stop());
      databaseUrl = embedded.databaseUrl;
    }

    const masterUrl = databaseUrl;
    await ensureDatabaseExists(masterUrl).catch((error: unknown) => {
      throw (config.databaseUrl ? databaseUrlError(error, masterUrl) : undefined) ?? error;
    });
    const migrator = new PrismaMigrator();
    const migrated = await migrator.migrate(databaseUrl, 'master');
    logger.info({ applied: migrated.applied, latest: migrated.latest }, 'master database migrated');

    const metrics = new PrometheusMetrics(config.metrics.tenantAllowlist);
    const observeQuery = (pool: 'master' | 'tenants', seconds: number, failed: boolean) => metrics.observeQuery(pool, seconds, failed);
    const persistence = openPersistence(
      config,
      databaseUrl,
      migrator,
      { master: config.masterPoolSize, tenantClients: config.tenants.clientCacheSize, tenantPool: config.tenants.poolSize },
      observeQuery,
    );
    closers.push(() => persistence.close());
    const { master, servers, provisioner, tenantClients } = persistence;

    // Invalidations Redis cannot carry (this replica cut from it, or no Redis at all) go over the master's
    // LISTEN/NOTIFY, so other replicas drop what a write changed at once rather than by TTL.
    const invalidationChannel = new PostgresInvalidationChannel(databaseUrl, master.pool, logger);
    closers.push(() => invalidationChannel.close());
    const cache = createTieredCache({
      fallback: invalidationChannel,
      redisUrl: config.redisUrl,
      l1TtlSeconds: config.cache.l1TtlSeconds,
      l2TtlSeconds: config.cache.l2TtlSeconds,
      negativeTtlSeconds: config.cache.negativeTtlSeconds,
      instanceId: hostname(),
      logger,
    });
    closers.push(() => cache.close());
    const redis = config.redisUrl ? createRedisClient(config.redisUrl, logger) : undefined;
    if (redis) closers.push(async () => redis.disconnect());

    const { key, generated } = loadSigningKey(config.jwt.privateKeyFile, config.dataDir);
    if (generated) logger.warn({ dir: config.dataDir }, 'generated a development JWT signing key; set JWT_PRIVATE_KEY_FILE in production');
    const accessTokens = new JwtAccessTokens(key, {
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ttlSeconds: config.jwt.accessTokenTtlSeconds,
    }, loadVerificationKeys(config.jwt.verificationKeyFiles));

    const { box: secretBox, generated: secretKeyGenerated } = loadSecretBox(config.secondFactor.key, config.secondFactor.previousKeys, config.dataDir);
    if (secretKeyGenerated) logger.warn({ dir: config.dataDir }, 'generated a development key for TOTP secrets; set SECOND_FACTOR_KEY in production');

    const passwordHasher = new Argon2PasswordHasher(config.passwordHashing);
    closers.push(() => passwordHasher.close());
    metrics.watch({
      cache: () => cache.stats(),
      tenantClients: () => tenantClients.stats(),
      masterPool: () => ({ total: master.pool.totalCount, idle: master.pool.idleCount, waiting: master.pool.waitingCount }),
      passwordHashing: () => passwordHasher.stats(),
    });
    const apiDocs = new ApiDocsHandler();
    const metricsPort = await metrics.serve(config.metrics.host, config.metrics.port, (request, response) => apiDocs.handle(request, response)).catch((error: NodeJS.ErrnoException) => {
      throw portError('METRICS_PORT', config.metrics.host, config.metrics.port, error) ?? error;
    });
    closers.push(() => metrics.close());

    const outbox = new Outbox();
    // Mail queued by a unit of work wakes the dispatcher, which exists once the container does.
    let mailDispatcher: MailDispatcher | undefined;
    const background = new BackgroundWork(logger);
    const container = await buildContainer({
      config,
      logger,
      clock: systemClock,
      masterPrisma: master.prisma,
      provisioner,
      tenantClients,
      passwordHasher,
      telemetry: metrics,
      outbox,
      latestTenantSchema: migrator.latestMigration('tenant'),
      cache,
      passwordAttempts: redis ? new RedisPasswordAttemptBudget(redis, config.loginThrottle, logger) : new MemoryPasswordAttemptBudget(config.loginThrottle),
      accessTokens,
      rateLimiter: redis ? new RedisRateLimiter(redis, logger) : new MemoryRateLimiter(),
      background,
      mailSignal: { mailQueued: (tenant) => mailDispatcher?.mailQueued(tenant) },
      secretBox,
    });
    // The gRPC service implementations: the one part of the graph the admin CLI does not load.
    await container.load(grpcModule);

    // Templates are made ready now so the first CreateTenant only clones; a server that is down now is
    // retried by the first CreateTenant placed on it.
    await Promise.all(
      servers.names().map((name) =>
        provisioner.template(name).catch((error: unknown) => logger.error({ err: error, server: name }, 'tenant template not ready')),
      ),
    );

    const admin = config.bootstrapSuperAdmin ?? (embedded ? developmentSuperAdmin(config.dataDir) : undefined);
    if (admin) await container.get(BootstrapSuperAdmin).run(admin.email, admin.password);
    else if ((await master.prisma.platformAdmin.count()) === 0) {
      logger.warn({}, 'no platform super-admin exists: set BOOTSTRAP_SUPERADMIN_EMAIL/PASSWORD or run `npm run cli -- create-super-admin`');
    }

    // Without Redis there is no broker: events stay in the outbox as the audit trail, still purged.
    if (config.events.relayEnabled) {
      const relay = new OutboxRelay(
        master,
        tenantClients,
        container.get(TOKENS.TenantRepository),
        servers,
        redis ? new RedisStreamsPublisher(redis, config.events.streamPrefix, config.events.streamMaxLength) : undefined,
        { scanIntervalMs: config.events.scanSeconds * 1000, retentionDays: config.events.retentionDays },
        logger,
      );
      outbox.onCommitted((tenant) => relay.notify(tenant));
      await relay.start();
      closers.push(() => relay.stop());
    }

    const mailer: Mailer = config.mail.smtpUrl
      ? new SmtpMailer(config.mail.smtpUrl, config.mail.from)
      : new EmlFileMailer(path.join(config.dataDir, 'mail'), config.mail.from, logger);
    mailDispatcher = new MailDispatcher(
      tenantClients,
      container.get(TOKENS.TenantRepository),
      servers,
      mailer,
      { retryBaseMs: config.mail.retryBaseMs, retryMaxMs: config.mail.retryMaxSeconds * 1000, scanIntervalMs: config.mail.scanSeconds * 1000 },
      metrics,
      logger,
    );
    await mailDispatcher.start();
    const dispatcher = mailDispatcher;
    closers.push(() => dispatcher.stop());
    // Closers run in reverse: the background work (a reset request's write) ends before the dispatcher stops.
    closers.push(() => background.drain());
    logger.info({ delivery: config.mail.smtpUrl ? 'smtp' : `eml files in ${path.join(config.dataDir, 'mail')}` }, 'mail delivery ready');

    const sweeper = container.get(TenantProvisioningSweeper);
    await sweeper.sweep();
    sweeper.start();
    closers.push(() => sweeper.stop());

    // Loaded only when configured: the OpenTelemetry SDK and exporter cost a seventh of a second of CPU
    // at every start otherwise.
    const tracing = config.tracing ? (await import('./infrastructure/tracing/otlp-tracing.js')).startTracing(config.tracing) : undefined;
    if (tracing) closers.push(() => tracing.shutdown());
    const { server, health } = createGrpcServer(
      container,
      readFileSync(descriptorSetPath()),
      (path, code, seconds, tenant) => metrics.observeCall(path, code, seconds, tenant),
      tracing?.tracer,
    );
    const port = await bindGrpcServer(server, config.grpc.host, config.grpc.port).catch((error: Error) => {
      throw portError('GRPC_PORT', config.grpc.host, config.grpc.port, error) ?? error;
    });
    const healthReporter = new HealthReporter(health, () => master.pool.query('SELECT 1'), config.healthProbeIntervalMs, logger);
    // The calls are drained first, with their own bound (the grace period), then the parts they use close.
    const drain = async () => {
      healthReporter.shutdown();
      logger.info({ graceSeconds: config.shutdownGraceSeconds }, 'draining: new connections refused, calls in flight finish');
      const outcome = await drainGracefully(server, config.shutdownGraceSeconds * 1000, logger);
      logger.info({ outcome }, outcome === 'drained' ? 'every call drained' : 'grace period over: remaining calls cut');
    };
    await healthReporter.start();
    logger.info({ port, metricsPort, embedded: Boolean(embedded), apiDocs: `http://localhost:${metricsPort}/docs/` }, 'user service serving');
    if (embedded && !config.bootstrapSuperAdmin) printDevelopmentHelp(port, config.grpc.host, config.dataDir, logger);

    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= drain().then(closeAll, closeAll));
    let endDelay: (() => void) | undefined;
    const shutdown = (delaySeconds: number) => {
      if (endDelay) {
        endDelay();
        return stop();
      }
      healthReporter.beginShutdown();
      logger.info({ delaySeconds }, 'shutting down: health NOT_SERVING, still serving during the delay');
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delaySeconds * 1000);
        endDelay = () => {
          clearTimeout(timer);
          resolve();
        };
      }).then(stop);
    };
    return { port, metricsPort, container, logger, stop, shutdown };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The embedded default's super-admin: a fixed email and a random password kept in DATA_DIR. */
function developmentSuperAdmin(dataDir: string): { email: string; password: string } {
  const file = path.join(dataDir, 'dev-superadmin-password');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o755 }); // the embedded server's system user must traverse it
    writeFileSync(file, randomBytes(12).toString('base64url'), { mode: 0o600 });
  }
  return { email: DEV_SUPERADMIN_EMAIL, password: readFileSync(file, 'utf8').trim() };
}

function printDevelopmentHelp(port: number, host: string, dataDir: string, logger: Logger): void {
  const passwordFile = path.join(dataDir, 'dev-superadmin-password');
  // How to call it, without putting the password itself into the log: a command that runs as printed in a
  // POSIX shell (bash, zsh, sh), the JSON quotes escaped inside double quotes, the file name quoted.
  const body = `{\\"email\\":\\"${DEV_SUPERADMIN_EMAIL}\\",\\"password\\":\\"$(cat ${shellQuote(passwordFile)})\\"}`;
  const target = ['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  logger.info(
    {
      superAdminEmail: DEV_SUPERADMIN_EMAIL,
      superAdminPasswordFile: passwordFile,
      try: `grpcurl -plaintext -d "${body}" ${target}:${port} userservice.v1.AuthService/Login`,
    },
    'development mode: embedded PostgreSQL and a development super-admin',
  );
}

/** One shell word, single-quoted (a single quote inside becomes '\''). */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
