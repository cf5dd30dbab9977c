/**
 * The master-database alert watches a metric, not `up`, on the claim that an instance that loses its master
 * keeps being scraped but stops counting successful master queries. This checks the claim on the real
 * service: its master database sits behind a TCP proxy that the test cuts, and a real Prometheus evaluates
 * the alert's own expression from rules/alerts.yml, with only its time window shortened (3m to 4s) and its
 * `for` removed, so that it plays out in seconds.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { FaultProxy } from '../support/fault-tcp-proxy';
import { TEST_SERVER_URL, uniqueName } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { PROMETHEUS_DIR, requireTool, TestPrometheus } from './support/prometheus';

const ALERT = 'UserServiceMasterDatabaseUnreachable';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let proxy: FaultProxy;
let t: TestApp;
let prometheus: TestPrometheus;
let rulesDir: string;
let expr: string;

beforeAll(async () => {
  requireTool('prometheus');
  const source = parseYaml(readFileSync(path.join(PROMETHEUS_DIR, 'rules', 'alerts.yml'), 'utf8')) as { groups: Array<{ rules: Array<{ alert?: string; expr: string }> }> };
  const rule = source.groups.flatMap((g) => g.rules).find((r) => r.alert === ALERT)!;
  expect(rule.expr.match(/\[3m\]/g)).toHaveLength(1);
  expr = rule.expr.replace('[3m]', '[4s]');
  rulesDir = mkdtempSync(path.join(tmpdir(), 'master-alert-rules-'));
  const rulesFile = path.join(rulesDir, 'rules.yml');
  writeFileSync(rulesFile, stringifyYaml({ groups: [{ name: 'shortened', rules: [{ ...rule, expr, for: '0s' }] }] }));

  const server = new URL(TEST_SERVER_URL);
  proxy = await FaultProxy.start(server.hostname, Number(server.port || 5432));
  const master = uniqueName('us_obs_master');
  t = await startTestApp({ DATABASE_URL: `postgresql://${server.username}@127.0.0.1:${proxy.port}/${master}`, HEALTH_PROBE_INTERVAL_MS: '500', LOG_LEVEL: 'fatal' }, master);
  prometheus = await TestPrometheus.start([`127.0.0.1:${t.app.metricsPort}`], [rulesFile]);
  await prometheus.waitFor('up{job="user-service"} == 1');
  await sleep(6_000); // a full window of healthy history
}, 90_000);

afterAll(async () => {
  proxy?.restore();
  await prometheus?.stop();
  await t?.dispose();
  await proxy?.close();
  if (rulesDir) rmSync(rulesDir, { recursive: true, force: true });
}, 60_000);

const firing = async () => (await prometheus.query(`ALERTS{alertname="${ALERT}", alertstate="firing"}`)).data!.result;

test('an idle, healthy instance keeps counting successful master queries (its health probe)', async () => {
  // The alert's premise. It fails if queries run through pool.query() (the health probe's SELECT 1, and
  // Prisma's adapter outside transactions) go uncounted: the alert would then stay silent on an idle
  // instance, and page for any instance that merely had no transaction for 3 minutes.
  const answer = await prometheus.query('sum(increase(userservice_db_queries_total{job="user-service", pool="master", outcome="ok"}[4s]))');
  expect({ countedWhileIdle: Number(answer.data!.result[0]?.value?.[1] ?? 0) > 0 }).toEqual({ countedWhileIdle: true });
});

test('fires when the master database goes away while the process is still scraped, and clears when it is back', async () => {
  expect((await prometheus.query(expr)).data!.result).toEqual([]);
  expect(await firing()).toEqual([]);

  proxy.refuse();
  const deadline = Date.now() + 30_000;
  while ((await firing()).length === 0) {
    if (Date.now() > deadline) throw new Error(`${ALERT} did not fire within 30 s of the cut; last value: ${JSON.stringify((await prometheus.query(expr)).data)}`);
    await sleep(250);
  }
  expect((await firing()).map((r) => r.metric)).toEqual([
    { __name__: 'ALERTS', alertname: ALERT, alertstate: 'firing', instance: `127.0.0.1:${t.app.metricsPort}`, job: 'user-service', severity: 'page' },
  ]);
  // `up` would not have told: the process still answers /metrics.
  expect(Number((await prometheus.query('up{job="user-service"}')).data!.result[0].value![1])).toBe(1);

  proxy.restore();
  const recovered = Date.now() + 30_000;
  while ((await firing()).length > 0) {
    if (Date.now() > recovered) throw new Error(`${ALERT} still firing 30 s after the master came back`);
    await sleep(250);
  }
}, 90_000);
