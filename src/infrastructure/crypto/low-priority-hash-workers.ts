import { Worker } from 'node:worker_threads';

/** One argon2 job: verify a password against a stored hash, or hash a password. */
export type HashJob = { op: 'verify'; hash: string; password: string } | { op: 'hash'; password: string; options: object };

/**
 * The worker's code, inline (no separate file: the same source runs from dist/ and under Jest). It lowers
 * its own thread's scheduling priority to nice 19, then computes argon2 synchronously on that thread. On
 * Linux `setpriority(PRIO_PROCESS, tid)` applies to one thread; the thread id comes from
 * /proc/thread-self. Elsewhere the worker runs at normal priority.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const argon2 = require(workerData.argon2);
let niced = false;
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, 19);
  niced = true;
} catch {}
parentPort.postMessage({ ready: true, niced });
parentPort.on('message', ({ id, job }) => {
  try {
    const result = job.op === 'verify' ? argon2.verifySync(job.hash, job.password) : argon2.hashSync(job.password, job.options);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

/** argon2 itself refused the job (a malformed stored hash, say); the workers are fine. */
export class HashJobError extends Error {}

interface Pending {
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

/**
 * A fixed set of worker threads that compute argon2 at the lowest CPU priority (nice 19), so that on a busy
 * core a login storm takes only the CPU time the event loop leaves: other calls keep their latency, and
 * hashing still gets every idle cycle. Callers bound the concurrency (BoundedConcurrency); each job goes
 * to an idle worker. Workers start on first use and do not keep the process alive.
 */
export class LowPriorityHashWorkers {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly waiting: Array<(worker: Worker) => void> = [];
  private nextId = 0;
  private closed = false;
  /** Whether the workers could lower their priority (Linux); known once the first worker is up. */
  niced: boolean | undefined;

  constructor(private readonly size: number) {}

  run(job: HashJob): Promise<string | boolean> {
    if (this.closed) return Promise.reject(new Error('password hashing workers are closed'));
    return this.acquire().then((worker) =>
      new Promise<string | boolean>((resolve, reject) => {
        const id = (this.nextId += 1);
        this.pending.set(id, { resolve, reject });
        (worker as Worker & { jobId?: number }).jobId = id;
        worker.ref(); // a job in flight keeps the process alive (the CLI awaits its hashes)
        worker.postMessage({ id, job });
      }).finally(() => {
        worker.unref();
        this.release(worker);
      }),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.all.map((worker) => worker.terminate()));
    for (const { reject } of this.pending.values()) reject(new Error('password hashing workers are closed'));
    this.pending.clear();
  }

  private acquire(): Promise<Worker> {
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    if (this.all.length < this.size) return Promise.resolve(this.spawn());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    if (!this.all.includes(worker)) return; // it died; a new one is spawned on demand
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { argon2: require.resolve('@node-rs/argon2') } });
    worker.unref();
    this.all.push(worker);
    worker.on('message', (message: { ready?: boolean; niced?: boolean; id?: number; result?: string | boolean; error?: string }) => {
      if (message.ready) {
        this.niced ??= message.niced;
        return;
      }
      const pending = this.pending.get(message.id!);
      if (!pending) return;
      this.pending.delete(message.id!);
      if (message.error !== undefined) pending.reject(new HashJobError(message.error));
      else pending.resolve(message.result!);
    });
    const fail = (error: Error) => {
      this.all.splice(this.all.indexOf(worker), 1);
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
      const jobId = (worker as Worker & { jobId?: number }).jobId;
      const pending = jobId === undefined ? undefined : this.pending.get(jobId);
      if (pending && jobId !== undefined) {
        this.pending.delete(jobId);
        pending.reject(error);
      }
      // A waiter gets a fresh worker.
      const next = this.waiting.shift();
      if (next && !this.closed) next(this.spawn());
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!this.closed && this.all.includes(worker)) fail(new Error(`password hashing worker exited with code ${code}`));
    });
    return worker;
  }
}
