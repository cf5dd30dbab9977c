import { CancellationSignal } from '../shared/request-origin';

/** Port: one-way password hashing (argon2id in production). */
export interface PasswordHasher {
  /**
   * Each waits its turn in a bounded queue; `signal` is the caller's call: once it is aborted (cancelled, or
   * its deadline passed) the work is skipped when its turn comes (CALL_CANCELLED).
   */
  hash(password: string, signal?: CancellationSignal): Promise<string>;
  verify(hash: string, password: string, signal?: CancellationSignal): Promise<boolean>;
  /** Spends the same work as a real verify, for unknown accounts (so timing does not reveal them). */
  verifyDummy(password: string, signal?: CancellationSignal): Promise<void>;
}
