import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Client, credentials, Metadata } from '@grpc/grpc-js';
import { eventually } from './eventually';
import { freePort } from './free-port';

const root = path.resolve(__dirname, '../..');

export interface ServiceProcess {
  process: ChildProcess;
  address: string;
  port: number;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Where the service's gRPC port comes from: a fixed port, or a picker asked again for each try. */
export type PortSource = number | (() => Promise<number>);

/** How many ports a picker may offer before a start that keeps finding its port taken gives up. */
const PORT_TRIES = 5;

/**
 * Starts the built service (`node dist/src/main.js`, built by test/global-setup.js) and waits until it is
 * SERVING. With a picker (the default: `freePort`), a start whose port another process took in the
 * meantime (the service exits naming GRPC_PORT as in use) is retried on a newly picked port; a fixed port
 * is tried once.
 */
export async function startServiceProcess(env: Record<string, string>, port: PortSource = freePort): Promise<ServiceProcess> {
  const tries = typeof port === 'number' ? 1 : PORT_TRIES;
  for (let attempt = 1; ; attempt += 1) {
    const chosen = typeof port === 'number' ? port : await port();
    try {
      return await startOnPort(env, chosen);
    } catch (error) {
      if (attempt >= tries || !(error instanceof PortTakenError)) throw error;
    }
  }
}

/** The service exited at start because its gRPC port was in use. */
class PortTakenError extends Error {}

async function startOnPort(env: Record<string, string>, port: number): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], {
    env: { PATH: process.env.PATH, GRPC_HOST: '127.0.0.1', GRPC_PORT: String(port), METRICS_PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const address = `127.0.0.1:${port}`;
  await eventually(async () => {
    if (child.exitCode !== null) {
      const taken = /"setting":"GRPC_PORT","problem":"[^"]* is already in use/.test(output);
      throw Object.assign(taken ? new PortTakenError(`service exited: ${output}`) : new Error(`service exited: ${output}`), { final: true });
    }
    if ((await healthCheck(address)) !== 1) throw new Error('not serving yet');
  }, 30_000);
  return {
    process: child,
    address,
    port,
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
