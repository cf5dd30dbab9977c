import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { RunningApp, startApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { templateDatabaseName } from '../../src/infrastructure/tenancy/postgres-tenant-database-provisioner';
import { Clients, connect } from './grpc-clients';
import { adminQuery, dropDatabase, TEST_SERVER_URL, uniqueName } from './test-database';

export const SUPERADMIN = { email: 'root@platform.test', password: 'correct horse battery staple' };

export interface TestApp {
  app: RunningApp;
  address: string;
  masterDatabase: string;
  dataDir: string;
  clients: Clients;
  /** Every log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** A super-admin access token (logs in on first use). */
  superAdminToken(): Promise<string>;
  /** Stops the app, keeping its databases (another app may take over the master). */
  stop(): Promise<void>;
  /** Stops the app and drops its master, template and tenant databases. */
  dispose(): Promise<void>;
}

/**
 * Starts the real service in-process on a free loopback port, with its own master database on the
 * test PostgreSQL server, so test files never share state.
 */
export async function startTestApp(env: Record<string, string> = {}, existingMaster?: string): Promise<TestApp> {
  const masterDatabase = existingMaster ?? uniqueName('us_test');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'user-service-test-'));
  const config = loadConfig({
    DATABASE_URL: `${TEST_SERVER_URL}/${masterDatabase}`,
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: '0',
    METRICS_PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'debug',
    BOOTSTRAP_SUPERADMIN_EMAIL: SUPERADMIN.email,
    BOOTSTRAP_SUPERADMIN_PASSWORD: SUPERADMIN.password,
    SHUTDOWN_GRACE_SECONDS: '2',
    ...env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = await startApp(config, { logDestination });
  const address = `127.0.0.1:${app.port}`;
  const clients = connect(address);
  let token: Promise<string> | undefined;
  return {
    app,
    address,
    masterDatabase,
    dataDir,
    clients,
    logs,
    superAdminToken: () =>
      (token ??= clients.auth.login(SUPERADMIN).then((r) => r.tokens!.accessToken)),
    stop: async () => {
      clients.close();
      await app.stop();
    },
    dispose: async () => {
      clients.close();
      await app.stop();
      await dropAll(masterDatabase);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Drops a test master database with the tenant databases it registered and its template. */
export async function dropAll(masterDatabase: string): Promise<void> {
  const tenants = await adminQuery<{ database_name: string }>('SELECT database_name FROM tenants', [], masterDatabase).catch(() => ({ rows: [] }));
  for (const row of tenants.rows) await dropDatabase(row.database_name);
  await dropDatabase(templateDatabaseName(`${TEST_SERVER_URL}/${masterDatabase}`));
  await dropDatabase(masterDatabase);
}
