import { hash, verify } from '@node-rs/argon2';
import { childMain } from './windowed';

/**
 * The raw argon2id reference of the login storm (a child pinned to the server's core): @node-rs/argon2
 * verify with the service's parameters, `concurrency` verifies at once (the service's
 * PASSWORD_HASH_CONCURRENCY on that core budget).
 */
export interface Argon2LoopConfig {
  memoryKib: number;
  iterations: number;
  parallelism: number;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

export interface Argon2LoopResult {
  windowSeconds: number;
  verifies: number;
  perSecond: number;
  msPerVerify: number;
}

async function run(config: Argon2LoopConfig, window: { start(): void; end(): void }): Promise<Argon2LoopResult> {
  const password = 'Sturdy passphrase for the bench 1!';
  const stored = await hash(password, { algorithm: 2 /* Argon2id */, memoryCost: config.memoryKib, timeCost: config.iterations, parallelism: config.parallelism });
  let phase = 'warmup' as 'warmup' | 'window' | 'done';
  let verifies = 0;
  const worker = async () => {
    while (phase !== 'done') {
      if (!(await verify(stored, password))) throw new Error('argon2 verify failed');
      if (phase === 'window') verifies += 1;
    }
  };
  const workers = Array.from({ length: config.concurrency }, worker);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await sleep(config.warmupMs);
  phase = 'window';
  const startedAt = performance.now();
  window.start();
  await sleep(config.durationMs);
  window.end();
  phase = 'done';
  const windowSeconds = (performance.now() - startedAt) / 1000;
  await Promise.all(workers);
  return { windowSeconds, verifies, perSecond: verifies / windowSeconds, msPerVerify: (windowSeconds * 1000 * config.concurrency) / verifies };
}

if (require.main === module) childMain(run);
