/**
 * The Prometheus configuration and rules, checked by Prometheus's own tool: `promtool check config`
 * (which also loads the rule files), `promtool check rules`, and `promtool test rules` on
 * deploy/prometheus/tests/alerts.test.yml. Every alert must have a unit test in which it fires and one in
 * which it stays quiet; the SLO numbers in the rules must be the ones the README documents.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PROMETHEUS_DIR, requireTool, RULE_FILES, run } from './support/prometheus';

const TEST_FILE = path.join(PROMETHEUS_DIR, 'tests', 'alerts.test.yml');
const SLOW_BURN_FILE = path.join(PROMETHEUS_DIR, 'tests', 'slo-slow-burn.test.yml');

interface RuleFile {
  groups: Array<{ name: string; rules: Array<{ alert?: string; record?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }> }>;
}
interface UnitTests {
  rule_files: string[];
  tests: Array<{ name: string; alert_rule_test?: Array<{ alertname: string; exp_alerts?: unknown[] }> }>;
}

const load = <T>(file: string): T => parseYaml(readFileSync(file, 'utf8')) as T;
const alerts = load<RuleFile>(path.join(PROMETHEUS_DIR, 'rules', 'alerts.yml')).groups.flatMap((g) => g.rules.filter((r) => r.alert));

let promtool: string;
beforeAll(() => {
  promtool = requireTool('promtool');
});

test('promtool check config accepts prometheus.yml and the rule files it loads', async () => {
  const result = await run(promtool, ['check', 'config', path.join(PROMETHEUS_DIR, 'prometheus.yml')]);
  expect({ code: result.code, output: result.stdout + result.stderr }).toEqual({ code: 0, output: expect.stringContaining('SUCCESS: 2 rule files found') });
});

test('promtool check rules accepts the recording and alerting rules', async () => {
  const result = await run(promtool, ['check', 'rules', ...RULE_FILES]);
  expect({ code: result.code, output: result.stdout + result.stderr }).toEqual({ code: 0, output: expect.not.stringMatching(/FAILED|WARNING/) });
});

test('promtool test rules passes the alert unit tests (and the one-day SLO tests)', async () => {
  // About 15 s on 2 idle cores: promtool evaluates every rule at every step of every test.
  const result = await run(promtool, ['test', 'rules', TEST_FILE, SLOW_BURN_FILE]);
  const output = (result.stdout + result.stderr).trim();
  expect({ code: result.code, failed: /FAILED/.test(output), output }).toEqual({ code: 0, failed: false, output: expect.stringMatching(/SUCCESS$/) });
}, 180_000);

test('the unit tests load exactly the project rule files', () => {
  for (const file of [TEST_FILE, SLOW_BURN_FILE]) {
    const tests = load<UnitTests>(file);
    expect(tests.rule_files.map((f) => path.resolve(path.dirname(file), f)).sort()).toEqual([...RULE_FILES].sort());
  }
});

describe('every alert has a unit test where it fires and one where it stays quiet', () => {
  const cases = load<UnitTests>(TEST_FILE).tests.flatMap((group) => (group.alert_rule_test ?? []).map((c) => ({ group: group.name, ...c })));

  it.each(alerts.map((a) => [a.alert!]))('%s', (alert) => {
    const own = cases.filter((c) => c.alertname === alert);
    expect({ alert, fires: own.some((c) => (c.exp_alerts ?? []).length > 0) }).toEqual({ alert, fires: true });
    expect({ alert, quiet: own.some((c) => (c.exp_alerts ?? []).length === 0) }).toEqual({ alert, quiet: true });
  });

  it('tests no alert that does not exist', () => {
    const names = new Set(alerts.map((a) => a.alert));
    expect(cases.filter((c) => !names.has(c.alertname)).map((c) => `${c.group}: ${c.alertname}`)).toEqual([]);
  });
});

test('every alert has a severity (page or ticket), a summary and a description', () => {
  for (const alert of alerts) {
    expect({ alert: alert.alert, severity: alert.labels?.severity }).toEqual({ alert: alert.alert, severity: expect.stringMatching(/^(page|ticket)$/) });
    expect({ alert: alert.alert, summary: Boolean(alert.annotations?.summary), description: Boolean(alert.annotations?.description) }).toEqual({ alert: alert.alert, summary: true, description: true });
  }
});

test('the burn-rate alerts use the SRE workbook windows and factors with the documented SLO targets', () => {
  const expr = (name: string) => alerts.find((a) => a.alert === name)!.expr.replace(/\s+/g, ' ');
  const pairs = (budget: string, page: boolean) =>
    page
      ? [`ratio_rate1h > (14.4 * ${budget})`, `ratio_rate5m > (14.4 * ${budget})`, `ratio_rate6h > (6 * ${budget})`, `ratio_rate30m > (6 * ${budget})`]
      : [`ratio_rate1d > (3 * ${budget})`, `ratio_rate2h > (3 * ${budget})`, `ratio_rate3d > (1 * ${budget})`, `ratio_rate6h > (1 * ${budget})`];
  for (const piece of pairs('0.001', true)) expect(expr('UserServiceAvailabilityFastBurn')).toContain(`job:slo_availability_errors:${piece}`);
  for (const piece of pairs('0.001', false)) expect(expr('UserServiceAvailabilitySlowBurn')).toContain(`job:slo_availability_errors:${piece}`);
  for (const piece of pairs('0.01', true)) expect(expr('UserServiceLatencyFastBurn')).toContain(`job:slo_latency_slow:${piece}`);
  for (const piece of pairs('0.01', false)) expect(expr('UserServiceLatencySlowBurn')).toContain(`job:slo_latency_slow:${piece}`);

  const recording = readFileSync(RULE_FILES[0], 'utf8');
  expect(recording).toContain('le="0.25"');
  const readme = readFileSync(path.join(PROMETHEUS_DIR, 'README.md'), 'utf8');
  for (const documented of ['99.9 %', '99 %', '250 ms', '14.4', 'UNKNOWN, INTERNAL, UNAVAILABLE, DATA_LOSS, DEADLINE_EXCEEDED']) expect(readme).toContain(documented);
});
