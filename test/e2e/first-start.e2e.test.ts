import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect } from '../support/grpc-clients';
import { freePort } from '../support/fault-redis';
import { ServiceProcess, startServiceProcess } from '../support/service-process';
import { TEST_SERVER_URL } from '../support/test-database';

/**
 * A newcomer's first start, as the README tells it: `npm start` with no configuration (the embedded
 * PostgreSQL), the printed grpcurl line pasted into a shell, a second start by mistake, Ctrl-C, and the
 * start-up failures a wrong setting causes. Runs the built service (dist/, made by test/global-setup.js).
 */
const root = path.resolve(__dirname, '../..');
const MAIN = path.join(root, 'dist/src/main.js');
const CLI = path.join(root, 'dist/src/cli/main.js');

let work: string;
let dataDir: string;
let first: ServiceProcess;
let grpcPort: number;

/** Runs the built service to its exit; resolves with its code and every output line. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH, LOG_LEVEL: 'info', METRICS_PORT: '0', ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, lines: output.split('\n').filter(Boolean) }));
  });
}
const json = (line: string) => JSON.parse(line) as Record<string, unknown>;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'first-start-'));
  chmodSync(work, 0o755); // as root, the embedded PostgreSQL runs as the postgres user, which must reach DATA_DIR
  dataDir = path.join(work, 'data dir'); // a space, so the printed command must quote the path
  first = await startServiceProcess({ DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), GRPC_HOST: '0.0.0.0' });
  grpcPort = first.port;
}, 120_000);
afterAll(async () => {
  await first?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('the grpcurl line printed at start runs as printed, and logs in the development super-admin', async () => {
  const help = first.output().split('\n').filter(Boolean).map(json).find((l) => l.msg === 'development mode: embedded PostgreSQL and a development super-admin');
  expect(help).toBeDefined();
  const line = help!.try as string;
  // A stand-in grpcurl that records its arguments exactly as the shell passed them.
  const bin = path.join(work, 'bin');
  mkdirSync(bin);
  const argsFile = path.join(work, 'grpcurl-args.json');
  writeFileSync(path.join(bin, 'grpcurl'), `#!/usr/bin/env node\nrequire('fs').writeFileSync(${JSON.stringify(argsFile)}, JSON.stringify(process.argv.slice(2)));\n`, { mode: 0o755 });
  const ran = spawnSync('bash', ['-c', line], { env: { PATH: `${bin}:${process.env.PATH}`, HOME: work }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  expect({ status: ran.status, stderr: ran.stderr }).toEqual({ status: 0, stderr: '' });
  const args = JSON.parse(readFileSync(argsFile, 'utf8')) as string[];
  expect(args).toEqual(['-plaintext', '-d', expect.any(String), `localhost:${grpcPort}`, 'userservice.v1.AuthService/Login']);
  const password = readFileSync(path.join(dataDir, 'dev-superadmin-password'), 'utf8').trim();
  expect(JSON.parse(args[2])).toEqual({ email: 'admin@example.com', password });

  // What grpcurl would send works.
  const clients = connect(`127.0.0.1:${grpcPort}`);
  try {
    const login = await clients.auth.login(JSON.parse(args[2]) as { email: string; password: string });
    expect(login.tokens?.accessToken).toMatch(/^ey/);
  } finally {
    clients.close();
  }
});

test('a second start on the same data folder says another instance runs there, with its pid, in one JSON line', async () => {
  const second = await runToExit({ DATA_DIR: dataDir, GRPC_PORT: String(await freePort()), EMBEDDED_POSTGRES_PORT: String(await freePort()) });
  expect(second.code).toBe(1);
  expect(second.lines).toHaveLength(1);
  const line = json(second.lines[0]);
  expect(line).toMatchObject({ level: 50, setting: 'DATA_DIR' });
  expect(line.problem).toBe(`another user service (pid ${first.process.pid}) is running on the data folder ${dataDir}`);
  expect(line.fix).toContain(`kill ${first.process.pid}`);
  // The first instance is unharmed.
  expect(first.process.exitCode).toBeNull();
});

test('GRPC_PORT in use is one JSON line naming the setting and the fix, before any slow work', async () => {
  const busy = await runToExit({ DATABASE_URL: `${TEST_SERVER_URL}/never_created_by_this_test`, GRPC_PORT: String(grpcPort), DATA_DIR: path.join(work, 'other') });
  expect(busy.code).toBe(1);
  expect(busy.lines).toHaveLength(1); // nothing before it (no migration, no embedded database), no stray non-JSON line
  const line = json(busy.lines[0]);
  expect(line).toMatchObject({ level: 50, setting: 'GRPC_PORT', problem: `0.0.0.0:${grpcPort} is already in use by another program (another user service?)` });
  expect(line.fix).toContain('set GRPC_PORT to a free port');
});

test('DATABASE_URL pointing at nothing is one JSON line naming the setting and the fix, without the credentials', async () => {
  const closed = await freePort(); // nothing listens there any more
  const result = await runToExit({ DATABASE_URL: `postgresql://someone:s3cret@127.0.0.1:${closed}/userservice`, GRPC_PORT: '0', DATA_DIR: path.join(work, 'other') });
  expect(result.code).toBe(1);
  expect(result.lines).toHaveLength(1);
  const line = json(result.lines[0]);
  expect(line).toMatchObject({ level: 50, setting: 'DATABASE_URL', problem: `cannot connect to PostgreSQL at 127.0.0.1:${closed}/userservice (connection refused: nothing listens there)` });
  expect(line.fix).toContain('unset DATABASE_URL to run the embedded PostgreSQL');
  expect(result.lines[0]).not.toContain('s3cret');
});

test('an invalid setting is one JSON line naming it', async () => {
  const result = await runToExit({ GRPC_PORT: 'fifty' });
  expect(result.code).toBe(78);
  expect(result.lines).toHaveLength(1);
  expect(json(result.lines[0])).toMatchObject({ level: 50, setting: 'GRPC_PORT' });
});

test('npm run cli -- help, --help and -h print the usage without a database', () => {
  for (const args of [['help'], ['--help'], ['-h'], ['list-tenants', '--help']]) {
    for (const env of [{ PATH: process.env.PATH }, { PATH: process.env.PATH, DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' }]) {
      const result = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
      expect({ args, status: result.status, stderr: result.stderr }).toEqual({ args, status: 0, stderr: '' });
      expect(result.stdout).toMatch(/^usage: npm run cli -- <command> \[options\]/);
      expect(result.stdout).toContain('migrate-tenants');
    }
  }
});

test('a stop ends with a final "stopped" line', async () => {
  const code = await first.stop('SIGINT');
  expect(code).toBe(0);
  const lines = first.output().split('\n').filter(Boolean);
  expect(json(lines[lines.length - 1])).toMatchObject({ msg: 'stopped', signal: 'SIGINT' });
  // The data folder is free again: the pid file is gone.
  expect(() => readFileSync(path.join(dataDir, 'service.pid'))).toThrow();
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(grpcPort, '0.0.0.0', () => probe.close(() => resolve(grpcPort)));
  });
  expect(port).toBe(grpcPort);
});
