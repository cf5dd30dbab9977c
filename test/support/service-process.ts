import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Client, credentials, Metadata } from '@grpc/grpc-js';
import { eventually } from './eventually';

const root = path.resolve(__dirname, '../..');

export interface ServiceProcess {
  process: ChildProcess;
  address: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the built service (`node dist/src/main.js`, built by test/global-setup.js) and waits until it is SERVING. */
export async function startServiceProcess(env: Record<string, string>, port: number): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], {
    env: { PATH: process.env.PATH, GRPC_HOST: '127.0.0.1', GRPC_PORT: String(port), METRICS_PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const address = `127.0.0.1:${port}`;
  await eventually(async () => {
    if (child.exitCode !== null) throw Object.assign(new Error(`service exited: ${output}`), { final: true });
    if ((await healthCheck(address)) !== 1) throw new Error('not serving yet');
  }, 30_000);
  return {
    process: child,
    address,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

/** grpc.health.v1.Health/Check for the whole server: 1 SERVING, 2 NOT_SERVING (hand-encoded, no stubs). */
export function healthCheck(address: string): Promise<number> {
  const client = new Client(address, credentials.createInsecure());
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      '/grpc.health.v1.Health/Check',
      (value: Buffer) => value,
      (bytes: Buffer) => bytes,
      Buffer.alloc(0),
      new Metadata(),
      { deadline: Date.now() + 2_000 },
      (error, response) => {
        client.close();
        if (error) return reject(error);
        // HealthCheckResponse { status = 1 }: tag 0x08 then the varint.
        resolve(response && response.length >= 2 && response[0] === 0x08 ? response[1] : 0);
      },
    );
  });
}
