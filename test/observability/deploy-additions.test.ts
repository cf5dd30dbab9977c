/**
 * The observability additions to the deployment files, checked without Helm or Docker (neither runs here):
 * the chart's ServiceMonitor and dashboard ConfigMap render (with test/deploy/mini-helm.ts, a strict
 * renderer of the Go-template subset the chart uses) into manifests that point at the right Service port
 * and carry the dashboard unchanged, and render nothing unless enabled; the compose override mounts the
 * folders that exist and scrapes the port the service listens on.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { renderChart } from '../deploy/mini-helm';
import { Json } from './support/dashboard';
import { DASHBOARD_FILE, ROOT } from './support/prometheus';

const CHART = path.join(ROOT, 'deploy/helm/user-service');
const FILES_GET = '$.Files.Get "dashboards/user-service.json"';
const SECRETS = { secrets: { databaseUrl: 'postgresql://u:p@db:5432/userservice', jwtPrivateKey: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n', secondFactorKey: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=' } };

/**
 * Renders a copy of the chart in which `.Files.Get` of the dashboard (not in mini-helm's subset) reads a
 * value instead, holding the dashboard file's text: what Helm does with the chart's link to it.
 */
function render(overrides: Json): Json[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'chart-'));
  try {
    const chart = path.join(dir, 'user-service');
    cpSync(CHART, chart, { recursive: true, dereference: true });
    const template = path.join(chart, 'templates', 'dashboard-configmap.yaml');
    const source = readFileSync(template, 'utf8');
    expect(source).toContain(FILES_GET);
    writeFileSync(template, source.replace(FILES_GET, '$.Values.testOnlyDashboardFile'));
    const values = { ...SECRETS, ...overrides, testOnlyDashboardFile: readFileSync(DASHBOARD_FILE, 'utf8') };
    return renderChart(chart, values).flatMap((file) =>
      parseAllDocuments(file.content).map((doc) => {
        expect({ file: file.name, errors: doc.errors.map((e) => e.message) }).toEqual({ file: file.name, errors: [] });
        return doc.toJS();
      }),
    ).filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ofKind = (docs: Json[], kind: string) => docs.filter((d) => d.kind === kind);

describe('Helm chart', () => {
  test('renders no ServiceMonitor and no dashboard ConfigMap unless asked to', () => {
    const docs = render({});
    expect(ofKind(docs, 'ServiceMonitor')).toEqual([]);
    expect(ofKind(docs, 'ConfigMap').filter((c) => c.metadata.name.endsWith('-dashboard'))).toEqual([]);
    expect(ofKind(render({ metrics: { enabled: false, serviceMonitor: { enabled: true } } }), 'ServiceMonitor')).toEqual([]);
  });

  test('the ServiceMonitor selects the Service with the metrics port and names the job the alerts expect', () => {
    const docs = render({ metrics: { serviceMonitor: { enabled: true, interval: '30s', labels: { release: 'kube-prometheus-stack' } } } });
    const [monitor] = ofKind(docs, 'ServiceMonitor');
    expect(monitor).toMatchObject({ apiVersion: 'monitoring.coreos.com/v1', spec: { endpoints: [{ port: 'metrics', path: '/metrics', interval: '30s' }] } });
    expect(monitor.metadata.labels.release).toBe('kube-prometheus-stack');
    expect(monitor.spec.namespaceSelector.matchNames).toEqual(['default']);
    const selected = ofKind(docs, 'Service').filter((s) => Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => s.metadata.labels[k] === v));
    const scraped = selected.filter((s) => s.spec.ports.some((p: Json) => p.name === 'metrics'));
    expect(scraped).toHaveLength(1);
    // The Prometheus Operator takes the job label from this Service label.
    expect(scraped[0].metadata.labels[monitor.spec.jobLabel]).toBe('user-service');
    const [deployment] = ofKind(docs, 'Deployment');
    const metricsPort = scraped[0].spec.ports.find((p: Json) => p.name === 'metrics');
    const containerPort = deployment.spec.template.spec.containers[0].ports.find((p: Json) => p.name === metricsPort.targetPort);
    expect(containerPort).toBeDefined();
  });

  test('the dashboard ConfigMap carries the dashboard unchanged, labelled for the Grafana sidecar', () => {
    const docs = render({ grafanaDashboard: { enabled: true, annotations: { grafana_folder: 'User service' } } });
    const [configMap] = ofKind(docs, 'ConfigMap').filter((c) => c.metadata.name.endsWith('-dashboard'));
    expect(configMap.metadata.labels.grafana_dashboard).toBe('1');
    expect(configMap.metadata.annotations).toEqual({ grafana_folder: 'User service' });
    expect(JSON.parse(configMap.data['user-service.json'])).toEqual(JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')));
    const custom = render({ grafanaDashboard: { enabled: true, labels: { dashboards: 'user-service' } } });
    expect(ofKind(custom, 'ConfigMap').find((c) => c.metadata.name.endsWith('-dashboard')).metadata.labels).toMatchObject({ dashboards: 'user-service' });
  });

  test('the chart file that .Files.Get reads is the dashboard (a link to it)', () => {
    const inChart = path.join(CHART, 'dashboards', 'user-service.json');
    expect(readFileSync(inChart, 'utf8')).toBe(readFileSync(DASHBOARD_FILE, 'utf8'));
  });
});

describe('compose override (deploy/compose/observability.yml)', () => {
  const override = parseYaml(readFileSync(path.join(ROOT, 'deploy/compose/observability.yml'), 'utf8'));

  test('adds prometheus and grafana, mounting folders of this repository that exist', () => {
    expect(Object.keys(override.services)).toEqual(expect.arrayContaining(['prometheus', 'grafana']));
    for (const name of ['prometheus', 'grafana']) {
      for (const volume of override.services[name].volumes as string[]) {
        const [source] = volume.split(':');
        if (source.startsWith('./')) expect({ volume, exists: existsSync(path.join(ROOT, source)) }).toEqual({ volume, exists: true });
        else expect(Object.keys(override.volumes)).toContain(source);
      }
    }
  });

  test('Prometheus scrapes the service under the name and port compose gives it', () => {
    const config = parseYaml(readFileSync(path.join(ROOT, 'deploy/prometheus/prometheus.yml'), 'utf8'));
    const job = config.scrape_configs.find((j: Json) => j.job_name === 'user-service');
    expect(job.static_configs[0].targets).toEqual([`user-service:${override.services['user-service'].environment.METRICS_PORT}`]);
    const base = path.join(ROOT, 'docker-compose.yml');
    expect(Object.keys(parseYaml(readFileSync(base, 'utf8')).services)).toContain('user-service');
    const datasources = parseYaml(readFileSync(path.join(ROOT, 'deploy/grafana/provisioning/datasources/prometheus.yml'), 'utf8'));
    expect(datasources.datasources[0].url).toBe(`http://prometheus:${override.services.prometheus.ports[0].split(':').pop()}`);
  });
});
