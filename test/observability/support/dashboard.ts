import { readFileSync } from 'node:fs';
import { DASHBOARD_FILE } from './prometheus';

export type Json = any;

export interface PanelQuery {
  panel: string;
  panelId: number;
  refId: string;
  expr: string;
  instant: boolean;
}

export function loadDashboard(): Json {
  return JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8'));
}

/** Every panel, including those nested in collapsed rows. */
export function allPanels(dashboard: Json): Json[] {
  return (dashboard.panels as Json[]).flatMap((panel) => [panel, ...((panel.panels as Json[] | undefined) ?? [])]);
}

/** Every query target of every panel. */
export function panelQueries(dashboard: Json): PanelQuery[] {
  return allPanels(dashboard).flatMap((panel) =>
    ((panel.targets as Json[] | undefined) ?? []).map((target) => ({
      panel: panel.title as string,
      panelId: panel.id as number,
      refId: target.refId as string,
      expr: target.expr as string,
      instant: Boolean(target.instant),
    })),
  );
}

/** What Grafana substitutes before it sends a query, with the values the tests choose. */
export interface Substitutions {
  /** $__rate_interval: at least four scrape intervals (the test scrapes every second). */
  rateInterval: string;
  /** $__range: the dashboard's time range. */
  range: string;
  /** $__interval: the step. */
  interval: string;
}

/**
 * Replaces Grafana's built-in variables with Prometheus durations and every template variable ($job,
 * ${instance}, ...) with `.*`, as "All" does for a regex matcher (the dashboard only uses `=~` matchers for
 * them; the test for that is in dashboard.test.ts).
 */
export function substitute(expr: string, values: Substitutions): string {
  return expr
    .replace(/\$__rate_interval|\$\{__rate_interval\}/g, values.rateInterval)
    .replace(/\$__range|\$\{__range\}/g, values.range)
    .replace(/\$__interval|\$\{__interval\}/g, values.interval)
    .replace(/\$\{[A-Za-z_][A-Za-z0-9_]*(?::[a-z]+)?\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '.*');
}

/** `label_values(selector, label)` of a query variable, split into its parts. */
export function parseLabelValues(query: string): { selector: string; label: string } {
  const match = /^label_values\((.*),\s*([A-Za-z_][A-Za-z0-9_]*)\)$/s.exec(query.trim());
  if (!match) throw new Error(`not a label_values() query: ${query}`);
  return { selector: match[1].trim(), label: match[2] };
}
