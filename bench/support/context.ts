import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LoginRequest, SignUpRequest } from '../../src/gen/proto/userservice/v1/auth_service';
import { Tenant } from '../../src/gen/proto/userservice/v1/tenant';
import { GetMeResponse } from '../../src/gen/proto/userservice/v1/user_service';
import { Api, connectApi, headerObject, metadata } from './api';
import { ProfileSummary, summariseProfilesIn } from './cpuprofile';
import { windowsByServer } from './measure';
import { databaseUrl, SHARED_SERVER_URL } from './postgres';
import { SERVER_CORE } from './proc';
import { Figure } from './report';
import { BASELINE_MAIN, childEnv, freePort, RunningServer, SERVICE_MAIN, startServer } from './servers';

export interface BenchOptions {
  only?: Set<string>;
  warmupMs: number;
  windowMs: number;
  runs: number;
  /** Run the service under `node --cpu-prof` and summarise the profiles. */
  profile: boolean;
  keepTmp: boolean;
}

export const SUPERADMIN = { email: 'root@bench.test', password: 'bench super-admin passphrase' };
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** argon2id parameters of the service (its defaults): the raw-verify reference must use the same. */
export const ARGON2 = { memoryKib: 19_456, iterations: 2, parallelism: 1 };
export const LOGIN_USERS = 16;
/** The service's TENANT_POOL_SIZE default: connections per tenant database (scenario 3's pools use it too). */
export const TENANT_POOL_SIZE = 3;

/** The service on the shared PostgreSQL and Redis that scenarios 2–5 and the DATABASE_URL cold start use. */
export interface MainService {
  server: RunningServer;
  env: NodeJS.ProcessEnv;
  masterDatabase: string;
  metricsPort: number;
  api: Api;
  superToken: string;
  tenant: { slug: string; id: string; databaseName: string };
  owner: { email: string; password: string; token: string; id: string };
  loginUsers: Array<{ email: string; password: string }>;
  getMeResponseJson: unknown;
  getMeHeaders: Record<string, string>;
}

export class BenchContext {
  readonly runId = `r${Date.now().toString(36).slice(-5)}${randomBytes(2).toString('hex')}`;
  readonly tmpDir: string;
  readonly figures: Figure[] = [];
  readonly details: Record<string, unknown> = {};
  readonly notes: string[] = [];
  readonly profiles: Record<string, ProfileSummary[]> = {};
  readonly cleanups: Array<{ name: string; run: () => Promise<void> }> = [];
  /** Files being deleted in the background (awaited before the next measured window and at the end). */
  readonly pendingDeletions: Array<Promise<void>> = [];
  private main?: Promise<MainService>;
  private baseline?: Promise<RunningServer>;
  private readonly t0 = performance.now();

  constructor(readonly options: BenchOptions) {
    this.tmpDir = mkdtempSync(path.join(tmpdir(), `user-service-bench-${this.runId}-`));
    // PostgreSQL servers started as root run as the `postgres` user, which must traverse this folder.
    chmodSync(this.tmpDir, 0o755);
  }

  log(message: string): void {
    process.stderr.write(`[bench ${((performance.now() - this.t0) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
  }

  wants(scenario: string): boolean {
    return !this.options.only || this.options.only.has(scenario);
  }

  nodeArgs(name: string): string[] {
    if (!this.options.profile) return [];
    const dir = path.join(this.tmpDir, 'profiles', name);
    mkdirSync(dir, { recursive: true });
    return ['--cpu-prof', '--cpu-prof-dir', dir];
  }

  /** After a profiled server stopped: summarise what it wrote. */
  collectProfiles(name: string): void {
    if (!this.options.profile) return;
    const dir = path.join(this.tmpDir, 'profiles', name);
    if (existsSync(dir)) this.profiles[name] = summariseProfilesIn(dir, windowsByServer.get(name) ?? []);
  }

  mainService(): Promise<MainService> {
    this.main ??= startMainService(this);
    return this.main;
  }

  /** Stops the main service (cold start reuses its database afterwards); returns its env. */
  async stopMainService(): Promise<MainService | undefined> {
    if (!this.main) return undefined;
    const main = await this.main.catch(() => undefined);
    this.main = undefined;
    if (!main) return undefined;
    main.api.close();
    await main.server.stop();
    this.collectProfiles('main');
    return main;
  }

  /** The bare grpc-js server answering GetMe with the main service's own GetMe response. */
  baselineServer(): Promise<RunningServer> {
    this.baseline ??= (async () => {
      const main = await this.mainService();
      const port = await freePort();
      return startServer({
        name: 'baseline',
        script: BASELINE_MAIN,
        env: childEnv({
          GRPC_PORT: String(port),
          BASELINE_GETME_JSON: JSON.stringify(main.getMeResponseJson),
          // GetUser straight from the main tenant's database, on a pool the size of a tenant client's (scenario 3).
          BASELINE_USERS_DATABASE_URL: databaseUrl(SHARED_SERVER_URL, main.tenant.databaseName),
          BASELINE_POOL_SIZE: String(TENANT_POOL_SIZE),
          BASELINE_TENANT_ID: main.tenant.id,
          BASELINE_TENANT_SLUG: main.tenant.slug,
        }),
        port,
        core: SERVER_CORE,
        nodeArgs: this.nodeArgs('baseline'),
      });
    })();
    return this.baseline;
  }

  async stopBaselineServer(): Promise<void> {
    const baseline = await this.baseline?.catch(() => undefined);
    this.baseline = undefined;
    if (!baseline) return;
    await baseline.stop();
    this.collectProfiles('baseline');
  }

  removeTmp(): void {
    if (!this.options.keepTmp) rmSync(this.tmpDir, { recursive: true, force: true });
  }
}

async function startMainService(ctx: BenchContext): Promise<MainService> {
  const masterDatabase = `bench_${ctx.runId}_main`;
  const [port, metricsPort] = [await freePort(), await freePort()];
  const env = childEnv({
    DATABASE_URL: databaseUrl(SHARED_SERVER_URL, masterDatabase),
    REDIS_URL,
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: String(port),
    METRICS_HOST: '127.0.0.1',
    METRICS_PORT: String(metricsPort),
    DATA_DIR: path.join(ctx.tmpDir, 'main-data'),
    LOG_LEVEL: 'warn',
    BOOTSTRAP_SUPERADMIN_EMAIL: SUPERADMIN.email,
    BOOTSTRAP_SUPERADMIN_PASSWORD: SUPERADMIN.password,
    ACCESS_TOKEN_TTL_SECONDS: '7200',
    SHUTDOWN_GRACE_SECONDS: '5',
  });
  ctx.log(`starting the service (master database ${masterDatabase}, Redis, pinned to core ${SERVER_CORE})`);
  const server = await startServer({ name: 'main', script: SERVICE_MAIN, env, port, core: SERVER_CORE, nodeArgs: ctx.nodeArgs('main') });
  const api = connectApi(server.address);
  const superToken = (await api.auth.login(SUPERADMIN)).tokens!.accessToken;
  const slug = `b${ctx.runId}-main`;
  const created = await api.tenants.createTenant({ tenant: Tenant.fromPartial({ slug, displayName: 'Bench main tenant' }) }, metadata({ token: superToken }));
  const owner = { email: 'owner@bench.test', password: 'Owner passphrase for the bench 1!' };
  const signedUp = await api.auth.signUp(SignUpRequest.fromPartial({ ...owner, name: 'Bench Owner' }), metadata({ tenant: slug }));
  const loginUsers: Array<{ email: string; password: string }> = [];
  for (let i = 0; i < LOGIN_USERS; i++) {
    const user = { email: `login${i}@bench.test`, password: `Login passphrase for the bench ${i}!` };
    await api.auth.signUp(SignUpRequest.fromPartial({ ...user, name: `Login user ${i}` }), metadata({ tenant: slug }));
    loginUsers.push(user);
  }
  const token = signedUp.tokens!.accessToken;
  const me = await api.users.getMe({}, metadata({ token, tenant: slug }));
  // Sanity: the login users can log in (the storm would otherwise measure refusals).
  await api.auth.login(LoginRequest.fromPartial(loginUsers[0]), metadata({ tenant: slug }));
  return {
    server,
    env,
    masterDatabase,
    metricsPort,
    api,
    superToken,
    tenant: { slug, id: created.tenant!.id, databaseName: `tenant_${slug.replace(/-/g, '_')}` },
    owner: { ...owner, token, id: signedUp.user!.id },
    loginUsers,
    getMeResponseJson: GetMeResponse.toJSON(me),
    getMeHeaders: headerObject({ token, tenant: slug }),
  };
}
