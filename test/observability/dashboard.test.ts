/**
 * Static checks of the Grafana dashboard and its provisioning files (Grafana itself is not installable
 * here; prometheus-queries.test.ts runs every query against a real Prometheus). The dashboard must be
 * importable (schema, unique ids, layout), pick its data source through a variable, use the template
 * variables only in regex matchers (so "All" = `.*` works), read the heavy series through the recording
 * rules, and show every metric the service exports.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { allPanels, Json, loadDashboard, panelQueries } from './support/dashboard';
import { ROOT, RULE_FILES } from './support/prometheus';

const dashboard = loadDashboard();
const queries = panelQueries(dashboard);
const panels = allPanels(dashboard).filter((p: Json) => p.type !== 'row');
const variables = dashboard.templating.list as Json[];

/** Metric names the service registers (src/infrastructure/metrics/prometheus-metrics.ts). */
function exportedMetrics(): string[] {
  const source = readFileSync(path.join(ROOT, 'src/infrastructure/metrics/prometheus-metrics.ts'), 'utf8');
  return [...source.matchAll(/name: '([a-z_:]+)'/g)].map((m) => m[1]);
}

/** Metric names an expression reads (identifiers followed by a selector, a range or a closing paren). */
function metricsIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const names = [...withoutStrings.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?=\{|\[|\))/g)].map((m) => m[1]);
  const keywords = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'sum', 'max', 'min', 'avg', 'count', 'rate', 'increase', 'histogram_quantile', 'max_over_time', 'min_over_time', 'le']);
  return names.filter((n) => !keywords.has(n));
}

const recordingRules = (): string[] =>
  (parseYaml(readFileSync(RULE_FILES[0], 'utf8')) as { groups: Array<{ rules: Array<{ record?: string; expr: string }> }> }).groups.flatMap((g) => g.rules.flatMap((r) => (r.record ? [r.record] : [])));

test('is a Grafana dashboard of schema version 39 with a stable uid', () => {
  expect(dashboard).toMatchObject({ schemaVersion: 39, uid: 'user-service', title: 'User service', id: null });
  expect(dashboard.uid.length).toBeLessThanOrEqual(40);
});

test('panel ids are unique, every panel fits the 24-column grid, and no two panels overlap', () => {
  const all = allPanels(dashboard);
  const ids = all.map((p: Json) => p.id);
  expect(new Set(ids).size).toBe(ids.length);
  const cells = new Map<string, string>();
  for (const panel of all) {
    const { x, y, w, h } = panel.gridPos;
    expect({ panel: panel.title, fits: x >= 0 && w > 0 && x + w <= 24 && h > 0 }).toEqual({ panel: panel.title, fits: true });
    for (let i = x; i < x + w; i += 1)
      for (let j = y; j < y + h; j += 1) {
        const key = `${i},${j}`;
        expect({ cell: key, taken: cells.get(key) }).toEqual({ cell: key, taken: undefined });
        cells.set(key, panel.title);
      }
  }
});

test('has the data source, job, instance and method variables; instance and method allow "All" as .*', () => {
  const byName = new Map(variables.map((v) => [v.name, v]));
  expect(byName.get('datasource')).toMatchObject({ type: 'datasource', query: 'prometheus' });
  for (const name of ['job', 'instance', 'method']) {
    const variable = byName.get(name);
    expect(variable).toMatchObject({ type: 'query', datasource: { type: 'prometheus', uid: '${datasource}' } });
    expect(variable.definition).toBe(variable.query.query);
    expect(variable.query.query).toMatch(/^label_values\(/);
  }
  for (const name of ['instance', 'method']) expect(byName.get(name)).toMatchObject({ multi: true, includeAll: true, allValue: '.*' });
});

test('every panel and query uses the data source variable', () => {
  for (const panel of panels) {
    expect({ panel: panel.title, datasource: panel.datasource }).toEqual({ panel: panel.title, datasource: { type: 'prometheus', uid: '${datasource}' } });
    const refIds = (panel.targets as Json[]).map((t) => t.refId);
    expect({ panel: panel.title, unique: new Set(refIds).size === refIds.length }).toEqual({ panel: panel.title, unique: true });
    for (const target of panel.targets as Json[]) expect(target.datasource).toEqual(panel.datasource);
  }
});

test('template variables appear only as whole regex matcher values (so multi-value and All work)', () => {
  for (const { panel, expr } of queries) {
    for (const use of expr.matchAll(/\$(?!__)\{?([A-Za-z_]\w*)\}?/g)) {
      const before = expr.slice(0, use.index);
      const after = expr.slice(use.index! + use[0].length);
      expect({ panel, use: use[0], regexMatcher: /=~"$/.test(before) && after.startsWith('"') }).toEqual({ panel, use: use[0], regexMatcher: true });
    }
  }
});

test('the heavy series are read through the recording rules, and every recorded series it reads exists', () => {
  const records = new Set(recordingRules());
  for (const { panel, expr } of queries) {
    for (const raw of ['grpc_server_handled_total', 'grpc_server_handling_seconds_bucket', 'userservice_db_queries_total', 'userservice_db_query_seconds_bucket'])
      expect({ panel, raw, used: metricsIn(expr).includes(raw) }).toEqual({ panel, raw, used: false });
    for (const name of metricsIn(expr).filter((n) => n.includes(':'))) expect({ panel, name, recorded: records.has(name) }).toEqual({ panel, name, recorded: true });
  }
});

test('every metric the service exports is shown, directly or through a recording rule', () => {
  const rules = RULE_FILES.map((f) => readFileSync(f, 'utf8')).join('\n');
  const shown = new Set([...queries.flatMap((q) => metricsIn(q.expr)), ...metricsIn(rules)]);
  expect(exportedMetrics().length).toBeGreaterThan(10); // the parse found them
  const missing = exportedMetrics().filter((name) => ![name, `${name}_bucket`, `${name}_sum`, `${name}_count`].some((n) => shown.has(n)));
  expect(missing).toEqual([]);
  // And the prom-client process metrics the dashboard promises.
  for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_p99_seconds']) expect(shown.has(name)).toBe(true);
});

test('Grafana provisioning: a Prometheus data source and a file provider for the dashboards folder', () => {
  const datasources = parseYaml(readFileSync(path.join(ROOT, 'deploy/grafana/provisioning/datasources/prometheus.yml'), 'utf8'));
  expect(datasources).toMatchObject({ apiVersion: 1, datasources: [{ type: 'prometheus', access: 'proxy', url: 'http://prometheus:9090', jsonData: { timeInterval: '15s' } }] });
  const prometheusConfig = parseYaml(readFileSync(path.join(ROOT, 'deploy/prometheus/prometheus.yml'), 'utf8'));
  expect(datasources.datasources[0].jsonData.timeInterval).toBe(prometheusConfig.global.scrape_interval);
  const providers = parseYaml(readFileSync(path.join(ROOT, 'deploy/grafana/provisioning/dashboards/user-service.yml'), 'utf8'));
  expect(providers).toMatchObject({ apiVersion: 1, providers: [{ type: 'file', options: { path: '/etc/grafana/dashboards' } }] });
});
