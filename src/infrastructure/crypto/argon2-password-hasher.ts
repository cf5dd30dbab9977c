import type { Options } from '@node-rs/argon2';
import { PasswordHasher } from '../../domain/auth/password-hasher';
import { BoundedConcurrency } from './bounded-concurrency';
import { HashJobError, LowPriorityHashWorkers } from './low-priority-hash-workers';
import { CancellationSignal } from '../../domain/shared/request-origin';

export interface Argon2Parameters {
  memoryKib: number;
  iterations: number;
  parallelism: number;
  /** Hashes computed at once (each on a worker thread at the lowest CPU priority, never on the event loop). */
  concurrency: number;
}

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated compilation cannot inline). */
const ARGON2ID = 2;

/**
 * argon2id (OWASP: m ≥ 19 MiB, t ≥ 2, p = 1), computed off the event loop with bounded concurrency, on
 * worker threads at nice 19: a burst of sign-ins uses the CPU that other calls leave, instead of taking
 * half a busy core from them.
 */
export class Argon2PasswordHasher implements PasswordHasher {
  private readonly options: Options;
  private readonly slots: BoundedConcurrency;
  private readonly workers: LowPriorityHashWorkers;
  private dummyHash?: Promise<string>;

  constructor(params: Argon2Parameters) {
    this.options = { algorithm: ARGON2ID as Options['algorithm'], memoryCost: params.memoryKib, timeCost: params.iterations, parallelism: params.parallelism };
    this.slots = new BoundedConcurrency(params.concurrency, params.concurrency * 32);
    this.workers = new LowPriorityHashWorkers(params.concurrency);
  }

  /** Stops the worker threads (hashes still queued fail). */
  close(): Promise<void> {
    return this.workers.close();
  }

  /** Queue depth, hashes in flight and refusals, for metrics. */
  stats(): { queueDepth: number; inFlight: number; rejections: number } {
    return { queueDepth: this.slots.queueDepth, inFlight: this.slots.inFlight, rejections: this.slots.rejections };
  }

  hash(password: string, signal?: CancellationSignal): Promise<string> {
    return this.slots.run(() => this.workers.run({ op: 'hash', password, options: this.options }) as Promise<string>, signal);
  }

  verify(passwordHash: string, password: string, signal?: CancellationSignal): Promise<boolean> {
    // A stored hash argon2 cannot read verifies nothing; a failure of the workers themselves is an error.
    return this.slots.run(() =>
      (this.workers.run({ op: 'verify', hash: passwordHash, password }) as Promise<boolean>).catch((error: unknown) => {
        if (error instanceof HashJobError) return false;
        throw error;
      }),
      signal,
    );
  }

  async verifyDummy(password: string, signal?: CancellationSignal): Promise<void> {
    // A real hash with our parameters, made once, so the dummy verify costs exactly what a real one does.
    // Straight to a worker, outside the queue: a refusal or a cancelled caller must not leave a failed
    // promise here for every later unknown email. A failure is forgotten, so the next caller retries.
    this.dummyHash ??= (this.workers.run({ op: 'hash', password: 'dummy password for unknown accounts', options: this.options }) as Promise<string>).catch((error: unknown) => {
      this.dummyHash = undefined;
      throw error;
    });
    await this.verify(await this.dummyHash, password, signal);
  }
}
