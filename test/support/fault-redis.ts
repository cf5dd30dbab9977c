import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

export { freePort };

/** Sends one inline Redis command and resolves with the first reply line (or rejects). */
function redisCommand(port: number, command: string, timeoutMs = 500): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`redis on ${port}: no reply to ${command}`));
    }, timeoutMs);
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) {
        clearTimeout(timer);
        socket.end();
        resolve(reply);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.write(`${command}\r\n`);
  });
}

/**
 * A redis-server of the test's own, on a free port, without persistence: it can be killed (SIGKILL),
 * frozen (SIGSTOP, a hung Redis that accepts connections but never answers), thawed, and restarted empty on
 * the same port, without touching the shared Redis on 6379.
 */
export class TestRedis {
  private process?: ChildProcess;
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'fault-redis-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<TestRedis> {
    const redis = new TestRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server (again) on the same port, empty, and waits until it answers PING. */
  async restart(): Promise<void> {
    if (this.process && this.process.exitCode === null && this.process.signalCode === null) throw new Error('redis is still running');
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], { stdio: 'ignore' });
    for (let attempt = 0; attempt < 200; attempt += 1) {
      if (await this.ping()) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  async ping(): Promise<boolean> {
    return redisCommand(this.port, 'PING').then(
      (reply) => reply.startsWith('+PONG'),
      () => false,
    );
  }

  /** Number of keys whose name matches `pattern` (KEYS; fine for a test's tiny data set). */
  async countKeys(pattern: string): Promise<number> {
    const reply = await redisCommand(this.port, `EVAL "return #redis.call('KEYS', ARGV[1])" 0 ${pattern}`);
    const match = /^:(\d+)/.exec(reply);
    if (!match) throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
    return Number(match[1]);
  }

  /** Kills the server outright (no shutdown, no goodbye to clients) and waits until it is gone. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited;
  }

  /** Freezes the server: connections stay open, nothing is answered. */
  freeze(): void {
    this.process?.kill('SIGSTOP');
  }

  thaw(): void {
    this.process?.kill('SIGCONT');
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
