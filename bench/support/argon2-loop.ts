import { hash, verify } from '@node-rs/argon2';
import { childMain, closedLoop } from './windowed';

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
  let verifies = 0;
  const windowSeconds = await closedLoop(config, window, async (inWindow) => {
    if (!(await verify(stored, password))) throw new Error('argon2 verify failed');
    if (inWindow()) verifies += 1;
  });
  return { windowSeconds, verifies, perSecond: verifies / windowSeconds, msPerVerify: (windowSeconds * 1000 * config.concurrency) / verifies };
}

if (require.main === module) childMain(run);
