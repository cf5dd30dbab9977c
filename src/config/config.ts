import path from 'node:path';
import os from 'node:os';
import { z } from 'zod';
import { checkSuperAdminPasswordPolicy, SUPER_ADMIN_MIN_PASSWORD_LENGTH } from '../domain/platform-admin/platform-admin';
import { DomainError } from '../domain/shared/domain-error';
import { TenantSlug } from '../domain/tenant/tenant-slug';

/** A positive integer from an environment string. */
const int = (fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL');

const schema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  GRPC_HOST: z.string().default('0.0.0.0'),
  GRPC_PORT: int(50051, 0, 65535),
  METRICS_HOST: z.string().default('0.0.0.0'),
  METRICS_PORT: int(9464, 0, 65535),
  METRICS_TENANT_ALLOWLIST: z.string().optional(),
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_POSTGRES_PORT: int(54329, 1, 65535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BOOTSTRAP_SUPERADMIN_EMAIL: z.string().optional(),
  BOOTSTRAP_SUPERADMIN_PASSWORD: z.string().optional(),
  JWT_PRIVATE_KEY_FILE: z.string().optional(),
  JWT_ISSUER: z.string().default('user-service'),
  JWT_AUDIENCE: z.string().default('user-service'),
  JWT_VERIFICATION_KEY_FILES: z.string().optional(),
  SECOND_FACTOR_KEY: z.string().optional(),
  SECOND_FACTOR_PREVIOUS_KEYS: z.string().optional(),
  ACCESS_TOKEN_TTL_SECONDS: int(900, 30, 86_400),
  SERVICE_TOKEN_TTL_SECONDS: int(900, 30, 86_400),
  REFRESH_TOKEN_TTL_SECONDS: int(30 * 86_400, 60, 365 * 86_400),
  REFRESH_TOKEN_REUSE_GRACE_SECONDS: int(0, 0, 300),
  LOGIN_MAX_FAILURES: int(5, 1, 1000),
  LOGIN_FAILURE_WINDOW_SECONDS: int(900, 1, 86_400),
  LOGIN_LOCKOUT_SECONDS: int(900, 1, 86_400),
  TENANT_DATABASE_SERVERS: z.string().optional(),
  TENANT_CLIENT_CACHE_SIZE: int(100, 1, 100_000),
  TENANT_POOL_SIZE: int(3, 1, 100),
  MASTER_POOL_SIZE: int(10, 1, 1000),
  CACHE_L1_TTL_SECONDS: int(5, 1, 3600),
  CACHE_L2_TTL_SECONDS: int(300, 1, 86_400),
  CACHE_NEGATIVE_TTL_SECONDS: int(5, 1, 3600),
  PROVISIONING_STALE_SECONDS: int(120, 1, 86_400),
  TENANT_MIGRATION_MODE: z.enum(['lazy', 'refuse']).default('lazy'),
  // With a 40-character slug the name stays within PostgreSQL's 63 characters.
  TENANT_DATABASE_PREFIX: z.string().regex(/^[a-z][a-z0-9_]{0,22}$/, 'must be 1..23 of a-z, 0-9 and _, starting with a letter (e.g. staging_tenant_)').default('tenant_'),
  PASSWORD_HASH_MEMORY_KIB: int(19_456, 19_456),
  PASSWORD_HASH_ITERATIONS: int(2, 2),
  PASSWORD_HASH_PARALLELISM: int(1, 1, 16),
  PASSWORD_HASH_CONCURRENCY: int(Math.max(1, os.availableParallelism() - 1), 1, 256),
  V8_HELPER_THREADS_NICE: int(10, 0, 19),
  SHUTDOWN_DELAY_SECONDS: int(5, 0, 600),
  SHUTDOWN_GRACE_SECONDS: int(10, 0, 600),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().regex(/^https?:\/\//, 'must be an http(s):// URL').optional(),
  OTEL_SERVICE_NAME: z.string().default('user-service'),
  OTEL_TRACES_SAMPLER_RATIO: z.coerce.number().min(0).max(1).default(1),
  OUTBOX_RELAY_ENABLED: z.enum(['true', 'false']).default('true'),
  OUTBOX_SCAN_SECONDS: int(30, 1, 3600),
  EVENTS_STREAM_PREFIX: z.string().regex(/^[A-Za-z0-9:._-]{1,64}$/, 'must be 1..64 of A-Z a-z 0-9 : . _ -').default('userservice:events:'),
  EVENTS_STREAM_MAXLEN: int(1_000_000, 1_000),
  AUDIT_RETENTION_DAYS: int(365, 1, 3650),
  HEALTH_PROBE_INTERVAL_MS: int(2_000, 100, 60_000),
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.com:465').optional(),
  MAIL_FROM: z.string().regex(/^[^\r\n]{3,254}$/, 'must be one line, e.g. "Example <no-reply@example.com>"').default('User Service <no-reply@localhost>'),
  PUBLIC_APP_URL: z
    .string()
    .regex(/^https?:\/\/[^\s?#]+$/, 'must be an http(s):// URL template without query or fragment, e.g. https://{tenant}.app.example')
    .default('http://localhost:3000/{tenant}'),
  MAIL_RETRY_BASE_MS: int(1_000, 10, 600_000),
  MAIL_RETRY_MAX_SECONDS: int(300, 1, 86_400),
  MAIL_SCAN_SECONDS: int(30, 1, 3600),
  PASSWORD_RESET_TTL_MINUTES: int(30, 1, 1440),
  EMAIL_VERIFICATION_TTL_HOURS: int(48, 1, 720),
  INVITATION_TTL_HOURS: int(168, 1, 2160),
  PASSWORD_RESET_ACCOUNT_LIMIT: int(3, 1, 1_000_000),
  PASSWORD_RESET_TENANT_LIMIT: int(1_000, 1, 1_000_000),
  PASSWORD_RESET_WINDOW_SECONDS: int(900, 1, 86_400),
});

export interface DatabaseServerConfig {
  /** Stable name stored in the tenant registry (never the URL, which holds credentials). */
  name: string;
  /** Admin connection URL to the server (its database part is ignored). */
  url: string;
}

export interface AppConfig {
  /** Master database URL; undefined means "start the embedded PostgreSQL under dataDir". */
  databaseUrl?: string;
  redisUrl?: string;
  grpc: { host: string; port: number };
  /** `tenantAllowlist`: slugs counted under their own `tenant` label (empty: no per-tenant series). */
  metrics: { host: string; port: number; tenantAllowlist: string[] };
  dataDir: string;
  /** Port of the embedded PostgreSQL (used only without DATABASE_URL). */
  embeddedPostgresPort: number;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  bootstrapSuperAdmin?: { email: string; password: string };
  jwt: { privateKeyFile?: string; verificationKeyFiles: string[]; issuer: string; audience: string; accessTokenTtlSeconds: number; serviceTokenTtlSeconds: number };
  /**
   * AES-256-GCM key (base64 of 32 bytes) for TOTP secrets at rest; undefined: a development key under
   * dataDir/keys. `previousKeys`: keys of a rotation, still read.
   */
  secondFactor: { key?: string; previousKeys: string[] };
  refreshTokenTtlSeconds: number;
  /**
   * For how long after its use a refresh token may be exchanged once more (a client racing itself: two
   * tabs, a retry) instead of counting as reuse, which revokes the session. 0: never (the default).
   */
  refreshTokenReuseGraceSeconds: number;
  loginThrottle: { maxFailures: number; windowSeconds: number; lockoutSeconds: number };
  /** Servers for tenant databases; undefined means "the master's server only, named 'default'". */
  tenantDatabaseServers?: DatabaseServerConfig[];
  /** `databasePrefix`: start of every tenant database name this deployment creates (`tenant_` by default). */
  tenants: { clientCacheSize: number; poolSize: number; provisioningStaleSeconds: number; migrationMode: 'lazy' | 'refuse'; databasePrefix: string };
  cache: { l1TtlSeconds: number; l2TtlSeconds: number; negativeTtlSeconds: number };
  masterPoolSize: number;
  passwordHashing: { memoryKib: number; iterations: number; parallelism: number; concurrency: number };
  /** Nice value for V8's helper threads (garbage collection, background compilation); 0 leaves them alone. */
  v8HelperThreadsNice: number;
  /** On SIGTERM: seconds of NOT_SERVING while still serving, before the drain (SIGINT skips it). */
  shutdownDelaySeconds: number;
  shutdownGraceSeconds: number;
  /** Undefined: tracing off. */
  tracing?: { endpoint: string; serviceName: string; sampleRatio: number };
  events: { relayEnabled: boolean; scanSeconds: number; streamPrefix: string; streamMaxLength: number; retentionDays: number };
  healthProbeIntervalMs: number;
  /** `smtpUrl` undefined: the embedded default writes .eml files under dataDir/mail. */
  mail: { smtpUrl?: string; from: string; publicAppUrl: string; retryBaseMs: number; retryMaxSeconds: number; scanSeconds: number };
  /** Password reset: token lifetime; requests per account and per tenant per window. */
  passwordReset: { ttlMinutes: number; accountLimit: number; tenantLimit: number; windowSeconds: number };
  /** Lifetime of an email verification link (ResendVerification shares the reset throttles' limits). */
  emailVerification: { ttlHours: number };
  invitations: { ttlHours: number };
}

/** Thrown for invalid configuration; its message is one line naming the setting. */
export class ConfigError extends Error {}

/** A 32-byte key in base64, or a ConfigError naming the setting. */
function checkedKey(name: string, base64: string): string {
  const text = base64.trim();
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64').length : 0;
  if (bytes !== 32) throw new ConfigError(`${name}: must be 32 random bytes in base64 (e.g. \`openssl rand -base64 32\`)`);
  return text;
}

function parseServers(raw: string): DatabaseServerConfig[] {
  return raw.split(',').map((entry) => {
    const match = /^\s*([a-z][a-z0-9_-]{0,62})=(postgres(?:ql)?:\/\/\S+)\s*$/.exec(entry);
    if (!match) throw new ConfigError(`TENANT_DATABASE_SERVERS: expected "name=postgresql://..." entries separated by commas`);
    return { name: match[1], url: match[2] };
  });
}

/** Most tenants with their own metrics series: each adds up to one series per status code. */
export const MAX_METRICS_TENANTS = 50;

function parseTenantAllowlist(raw: string): string[] {
  const slugs = [...new Set(raw.split(',').map((slug) => slug.trim()).filter(Boolean))];
  const bad = slugs.find((slug) => {
    if (slug === 'other') return true;
    try {
      TenantSlug.parse(slug);
      return false;
    } catch {
      return true;
    }
  });
  if (bad !== undefined) throw new ConfigError(`METRICS_TENANT_ALLOWLIST: "${bad}" is not a tenant slug (or is the reserved "other")`);
  if (slugs.length > MAX_METRICS_TENANTS) throw new ConfigError(`METRICS_TENANT_ALLOWLIST: at most ${MAX_METRICS_TENANTS} tenants (each adds series to every scrape)`);
  return slugs;
}

/** Super-admins' passwords: the users' policy (checkPasswordPolicy), and at least this many characters. */
export const SUPERADMIN_MIN_PASSWORD_LENGTH = SUPER_ADMIN_MIN_PASSWORD_LENGTH;

/**
 * What is wrong with a super-admin password (bootstrap or `create-super-admin`), or undefined: the same
 * policy as users' passwords (length, not a commonly used password), with a longer minimum.
 */
export function superAdminPasswordProblem(password: string): string | undefined {
  try {
    // The rule CreateSuperAdmin applies (domain/platform-admin), so the bootstrap and the API agree.
    checkSuperAdminPasswordPolicy(password);
    return undefined;
  } catch (error) {
    if (error instanceof DomainError && error.violations.length > 0) return error.violations.map((v) => v.description).join('; ');
    throw error;
  }
}

/** Reads and validates the configuration once, at start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (`DATABASE_URL=` in a .env file) means "not set", not an invalid value.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  if ((e.BOOTSTRAP_SUPERADMIN_EMAIL === undefined) !== (e.BOOTSTRAP_SUPERADMIN_PASSWORD === undefined)) {
    throw new ConfigError('BOOTSTRAP_SUPERADMIN_EMAIL and BOOTSTRAP_SUPERADMIN_PASSWORD must be set together');
  }
  const passwordProblem = e.BOOTSTRAP_SUPERADMIN_PASSWORD === undefined ? undefined : superAdminPasswordProblem(e.BOOTSTRAP_SUPERADMIN_PASSWORD);
  if (passwordProblem) throw new ConfigError(`BOOTSTRAP_SUPERADMIN_PASSWORD: ${passwordProblem}`);
  if (e.TENANT_DATABASE_SERVERS && !e.DATABASE_URL) {
    throw new ConfigError('TENANT_DATABASE_SERVERS needs DATABASE_URL (the embedded database serves only itself)');
  }
  const servers = e.TENANT_DATABASE_SERVERS ? parseServers(e.TENANT_DATABASE_SERVERS) : undefined;
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    grpc: { host: e.GRPC_HOST, port: e.GRPC_PORT },
    metrics: { host: e.METRICS_HOST, port: e.METRICS_PORT, tenantAllowlist: e.METRICS_TENANT_ALLOWLIST ? parseTenantAllowlist(e.METRICS_TENANT_ALLOWLIST) : [] },
    dataDir: path.resolve(e.DATA_DIR),
    embeddedPostgresPort: e.EMBEDDED_POSTGRES_PORT,
    logLevel: e.LOG_LEVEL,
    bootstrapSuperAdmin:
      e.BOOTSTRAP_SUPERADMIN_EMAIL && e.BOOTSTRAP_SUPERADMIN_PASSWORD
        ? { email: e.BOOTSTRAP_SUPERADMIN_EMAIL, password: e.BOOTSTRAP_SUPERADMIN_PASSWORD }
        : undefined,
    jwt: {
      privateKeyFile: e.JWT_PRIVATE_KEY_FILE,
      verificationKeyFiles: e.JWT_VERIFICATION_KEY_FILES ? e.JWT_VERIFICATION_KEY_FILES.split(',').map((f) => f.trim()).filter(Boolean) : [],
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      serviceTokenTtlSeconds: e.SERVICE_TOKEN_TTL_SECONDS,
    },
    secondFactor: {
      key: e.SECOND_FACTOR_KEY ? checkedKey('SECOND_FACTOR_KEY', e.SECOND_FACTOR_KEY) : undefined,
      previousKeys: (e.SECOND_FACTOR_PREVIOUS_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean).map((k) => checkedKey('SECOND_FACTOR_PREVIOUS_KEYS', k)),
    },
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    refreshTokenReuseGraceSeconds: e.REFRESH_TOKEN_REUSE_GRACE_SECONDS,
    loginThrottle: { maxFailures: e.LOGIN_MAX_FAILURES, windowSeconds: e.LOGIN_FAILURE_WINDOW_SECONDS, lockoutSeconds: e.LOGIN_LOCKOUT_SECONDS },
    tenantDatabaseServers: servers,
    tenants: {
      clientCacheSize: e.TENANT_CLIENT_CACHE_SIZE,
      poolSize: e.TENANT_POOL_SIZE,
      provisioningStaleSeconds: e.PROVISIONING_STALE_SECONDS,
      migrationMode: e.TENANT_MIGRATION_MODE,
      databasePrefix: e.TENANT_DATABASE_PREFIX,
    },
    cache: { l1TtlSeconds: e.CACHE_L1_TTL_SECONDS, l2TtlSeconds: e.CACHE_L2_TTL_SECONDS, negativeTtlSeconds: e.CACHE_NEGATIVE_TTL_SECONDS },
    masterPoolSize: e.MASTER_POOL_SIZE,
    passwordHashing: {
      memoryKib: e.PASSWORD_HASH_MEMORY_KIB,
      iterations: e.PASSWORD_HASH_ITERATIONS,
      parallelism: e.PASSWORD_HASH_PARALLELISM,
      concurrency: e.PASSWORD_HASH_CONCURRENCY,
    },
    v8HelperThreadsNice: e.V8_HELPER_THREADS_NICE,
    shutdownDelaySeconds: e.SHUTDOWN_DELAY_SECONDS,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    tracing: e.OTEL_EXPORTER_OTLP_ENDPOINT
      ? { endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME, sampleRatio: e.OTEL_TRACES_SAMPLER_RATIO }
      : undefined,
    events: {
      relayEnabled: e.OUTBOX_RELAY_ENABLED === 'true',
      scanSeconds: e.OUTBOX_SCAN_SECONDS,
      streamPrefix: e.EVENTS_STREAM_PREFIX,
      streamMaxLength: e.EVENTS_STREAM_MAXLEN,
      retentionDays: e.AUDIT_RETENTION_DAYS,
    },
    healthProbeIntervalMs: e.HEALTH_PROBE_INTERVAL_MS,
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      publicAppUrl: e.PUBLIC_APP_URL,
      retryBaseMs: e.MAIL_RETRY_BASE_MS,
      retryMaxSeconds: e.MAIL_RETRY_MAX_SECONDS,
      scanSeconds: e.MAIL_SCAN_SECONDS,
    },
    passwordReset: {
      ttlMinutes: e.PASSWORD_RESET_TTL_MINUTES,
      accountLimit: e.PASSWORD_RESET_ACCOUNT_LIMIT,
      tenantLimit: e.PASSWORD_RESET_TENANT_LIMIT,
      windowSeconds: e.PASSWORD_RESET_WINDOW_SECONDS,
    },
    emailVerification: { ttlHours: e.EMAIL_VERIFICATION_TTL_HOURS },
    invitations: { ttlHours: e.INVITATION_TTL_HOURS },
  };
}
