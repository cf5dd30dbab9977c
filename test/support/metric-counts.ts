import { TestApp } from './test-app';

/**
 * The values of one counter by its `outcome` label, as the app's /metrics shows them now: NaN for an
 * outcome the service does not export (so a comparison with a number fails loudly).
 */
export async function outcomeCounts<O extends string>(t: TestApp, metric: string, outcomes: readonly O[]): Promise<Record<O, number>> {
  const body = await (await fetch(`http://127.0.0.1:${t.app.metricsPort}/metrics`)).text();
  const lines = body.split('\n');
  const value = (outcome: string) => Number(lines.find((line) => line.startsWith(`${metric}{outcome="${outcome}"} `))?.split(' ')[1]);
  return Object.fromEntries(outcomes.map((outcome) => [outcome, value(outcome)])) as Record<O, number>;
}

/** What each outcome rose by between two readings of outcomeCounts. */
export function rise<O extends string>(before: Record<O, number>, after: Record<O, number>): Record<O, number> {
  return Object.fromEntries(Object.keys(after).map((outcome) => [outcome, after[outcome as O] - before[outcome as O]])) as Record<O, number>;
}
