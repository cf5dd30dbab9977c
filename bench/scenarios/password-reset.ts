import { BenchContext } from '../support/context';
import { metadata } from '../support/api';
import { query, SHARED_SERVER_URL } from '../support/postgres';
import { median, percentile, figure } from '../support/report';

/**
 * Scenario 8: RequestPasswordReset with an email that has an account versus one that has none, one call at
 * a time (what a timing attacker measures), the two kinds interleaved (known, unknown, known, ...) so that
 * drift and noise fall on both alike. Known emails are spread over KNOWN_USERS accounts (inserted with SQL)
 * so no account reaches the per-address limit (3 per 15 minutes): every known call does the real work (a
 * token, a queued mail, an event, written after the answer). Unknown emails are never repeated.
 * Target: median latency of known calls within 1.2x of unknown ones.
 */
const KNOWN_USERS = 400;
const CALLS_PER_KIND = 200;
const WARMUP_CALLS = 40;

export async function runPasswordReset(ctx: BenchContext): Promise<void> {
  const main = await ctx.mainService();
  const seed = `reset-${ctx.runId}`;
  await query(
    SHARED_SERVER_URL,
    `INSERT INTO users (id, email, email_normalized, name, password_hash, role, status, created_at, updated_at)
     SELECT md5($1 || ':' || i)::uuid, $1 || '.' || i || '@bench.test', $1 || '.' || i || '@bench.test', 'Reset user ' || i,
            '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0$placeholderplaceholderplaceholderplaceh', 'MEMBER', 'ACTIVE', now(), now()
       FROM generate_series(0, $2::int - 1) AS i`,
    [seed, KNOWN_USERS],
    main.tenant.databaseName,
  );
  const headers = metadata({ tenant: main.tenant.slug });
  let known = 0;
  let unknown = 0;
  const call = async (kind: 'known' | 'unknown'): Promise<number> => {
    const email = kind === 'known' ? `${seed}.${known++ % KNOWN_USERS}@bench.test` : `${seed}.nobody${unknown++}@bench.test`;
    const started = performance.now();
    await main.api.auth.requestPasswordReset({ email }, headers);
    return performance.now() - started;
  };
  const knownRuns: number[] = [];
  const unknownRuns: number[] = [];
  const detail: Array<{ knownP50: number; unknownP50: number; knownP90: number; unknownP90: number }> = [];
  for (let run = 1; run <= ctx.options.runs; run++) {
    ctx.log(`RequestPasswordReset run ${run}: ${CALLS_PER_KIND} known and ${CALLS_PER_KIND} unknown emails, interleaved, one at a time`);
    for (let i = 0; i < WARMUP_CALLS; i++) await call(i % 2 ? 'known' : 'unknown');
    const k: number[] = [];
    const u: number[] = [];
    for (let i = 0; i < CALLS_PER_KIND; i++) {
      // Alternate which kind goes first in each pair.
      if (i % 2) {
        k.push(await call('known'));
        u.push(await call('unknown'));
      } else {
        u.push(await call('unknown'));
        k.push(await call('known'));
      }
    }
    knownRuns.push(median(k));
    unknownRuns.push(median(u));
    detail.push({ knownP50: median(k), unknownP50: median(u), knownP90: percentile(k, 0.9), unknownP90: percentile(u, 0.9) });
  }
  ctx.details.passwordReset = { knownUsers: KNOWN_USERS, callsPerKind: CALLS_PER_KIND, runs: detail };
  ctx.figures.push(
    figure({
      scenario: '8 RequestPasswordReset known vs unknown email',
      metric: 'p50 latency, 1 in flight',
      unit: 'ms',
      runs: knownRuns,
      baseline: { label: 'unknown email', runs: unknownRuns },
      target: { on: 'ratio', op: '<=', limit: 1.2 },
      note: 'known emails: a token, a queued mail and an event are written after the answer',
    }),
  );
}
