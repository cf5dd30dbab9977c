import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../support/fault-redis';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const PROMETHEUS_DIR = path.join(ROOT, 'deploy', 'prometheus');
export const RULE_FILES = [path.join(PROMETHEUS_DIR, 'rules', 'recording.yml'), path.join(PROMETHEUS_DIR, 'rules', 'alerts.yml')];
export const DASHBOARD_FILE = path.join(ROOT, 'deploy', 'grafana', 'dashboards', 'user-service.json');

/**
 * The absolute path of `prometheus` or `promtool`. These tests check the configuration with the real
 * tools, so a machine without them fails here, loudly, instead of skipping.
 */
export function requireTool(name: 'prometheus' | 'promtool'): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const location = found.stdout.trim();
  if (found.status !== 0 || !location) {
    throw new Error(
      `${name} is not on PATH. The observability tests need the real Prometheus tools: ` +
        `install Debian's package with \`apt-get install -y --no-install-recommends prometheus\` ` +
        `(it provides both prometheus and promtool; .ci/run does this). These tests never skip.`,
    );
  }
  return location;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a tool to completion (never rejects: the caller asserts on the exit code and output). */
export function run(file: string, args: string[], input?: string, cwd = ROOT): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 170_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

export interface QueryResult {
  status: string;
  error?: string;
  errorType?: string;
  data?: { resultType: string; result: Array<{ metric: Record<string, string>; value?: [number, string] }> };
}

/**
 * A real Prometheus server on a free loopback port, with its own data folder, a config written for the
 * test and (optionally) the project's rule files. Stopped with SIGTERM by `stop()`.
 */
export class TestPrometheus {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly dir: string,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
  }

  /** Starts Prometheus scraping `targets` every second and evaluating `ruleFiles` every second. */
  static async start(targets: string[], ruleFiles: string[] = []): Promise<TestPrometheus> {
    const binary = requireTool('prometheus');
    const port = await freePort();
    const dir = mkdtempSync(path.join(tmpdir(), 'test-prometheus-'));
    const config = [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      '  evaluation_interval: 1s',
      ...(ruleFiles.length ? ['rule_files:', ...ruleFiles.map((file) => `  - ${JSON.stringify(file)}`)] : []),
      'scrape_configs:',
      // The job name of deploy/prometheus/prometheus.yml, so the rules and the dashboard see the same labels.
      '  - job_name: user-service',
      '    static_configs:',
      `      - targets: ${JSON.stringify(targets)}`,
      '',
    ].join('\n');
    writeFileSync(path.join(dir, 'prometheus.yml'), config);
    const child = spawn(
      binary,
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const prometheus = new TestPrometheus(child, port, dir);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break;
      const ready = await fetch(`${prometheus.url}/-/ready`).then((r) => r.ok, () => false);
      if (ready) return prometheus;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await prometheus.stop();
    throw new Error(`prometheus did not become ready on port ${port}:\n${prometheus.output}`);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get log(): string {
    return this.output;
  }

  /** An instant query through the HTTP API (POST, so long expressions are fine). */
  async query(expr: string): Promise<QueryResult> {
    const response = await fetch(`${this.url}/api/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: expr }).toString(),
    });
    return (await response.json()) as QueryResult;
  }

  /** Label values, as Grafana's `label_values(metric, label)` variable query asks for them. */
  async labelValues(label: string, match: string): Promise<{ status: string; data?: string[]; error?: string }> {
    const response = await fetch(`${this.url}/api/v1/label/${encodeURIComponent(label)}/values?${new URLSearchParams({ 'match[]': match })}`);
    return (await response.json()) as { status: string; data?: string[]; error?: string };
  }

  /** Rule groups as Prometheus loaded them, with each rule's health and last evaluation error. */
  async rules(): Promise<Array<{ name: string; rules: Array<{ name: string; type: string; health: string; lastError?: string; query: string }> }>> {
    const response = await fetch(`${this.url}/api/v1/rules`);
    const body = (await response.json()) as { data: { groups: Array<{ name: string; rules: Array<{ name: string; type: string; health: string; lastError?: string; query: string }> }> } };
    return body.data.groups;
  }

  /** Waits until a query returns a non-empty result whose first value satisfies `accept`. */
  async waitFor(expr: string, accept: (value: number) => boolean = () => true, timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let last: QueryResult | undefined;
    while (Date.now() < deadline) {
      last = await this.query(expr);
      const sample = last.data?.result[0]?.value;
      if (last.status === 'success' && sample && accept(Number(sample[1]))) return Number(sample[1]);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`timed out waiting for ${expr}; last answer ${JSON.stringify(last)}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
