import { hash, verify, type Options } from '@node-rs/argon2';
import { PasswordHasher } from '../../domain/auth/password-hasher';
import { BoundedConcurrency } from './bounded-concurrency';

export interface Argon2Parameters {
  memoryKib: number;
  iterations: number;
  parallelism: number;
  /** Hashes computed at once (each on a libuv worker thread, never on the event loop). */
  concurrency: number;
}

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which isolated compilation cannot inline). */
const ARGON2ID = 2;

/** argon2id (OWASP: m ≥ 19 MiB, t ≥ 2, p = 1), computed off the event loop with bounded concurrency. */
export class Argon2PasswordHasher implements PasswordHasher {
  private readonly options: Options;
  private readonly slots: BoundedConcurrency;
  private dummyHash?: Promise<string>;

  constructor(params: Argon2Parameters) {
    this.options = { algorithm: ARGON2ID as Options['algorithm'], memoryCost: params.memoryKib, timeCost: params.iterations, parallelism: params.parallelism };
    this.slots = new BoundedConcurrency(params.concurrency, params.concurrency * 32);
  }

  /** Queue depth, hashes in flight and refusals, for metrics. */
  stats(): { queueDepth: number; inFlight: number; rejections: number } {
    return { queueDepth: this.slots.queueDepth, inFlight: this.slots.inFlight, rejections: this.slots.rejections };
  }

  hash(password: string): Promise<string> {
    return this.slots.run(() => hash(password, this.options));
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return this.slots.run(() => verify(passwordHash, password).catch(() => false));
  }

  async verifyDummy(password: string): Promise<void> {
    // A real hash with our parameters, made once, so the dummy verify costs exactly what a real one does.
    this.dummyHash ??= hash('dummy password for unknown accounts', this.options);
    await this.verify(await this.dummyHash, password);
  }
}
