import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The live API documentation next to the metrics endpoint: Swagger UI from the swagger-ui-dist package
 * (served by the service itself, no CDN) over docs/openapi.yaml, opened in a real headless browser
 * (Debian's chromium; .ci/run installs it). The screenshot is kept in test-artifacts/api-docs.png.
 */
const root = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const SCREENSHOT = path.join(root, 'test-artifacts', 'api-docs.png');
let t: TestApp;
let base: string;
let profile: string;

type OpenApi = { info: { license: Record<string, string> }; paths: Record<string, Record<string, unknown>> };
const openapi = parse(readFileSync(path.join(root, 'docs/openapi.yaml'), 'utf8')) as OpenApi;

/** Runs chromium asynchronously: the service answering it runs in this very process. */
function chromium(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      CHROMIUM,
      ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`, '--virtual-time-budget=20000', '--window-size=1280,1600', ...args],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', (error) => reject(new Error(`${CHROMIUM} did not run (apt-get install -y chromium): ${error.message}`)));
    child.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

beforeAll(async () => {
  t = await startTestApp();
  base = `http://127.0.0.1:${t.app.metricsPort}`;
  profile = mkdtempSync(path.join(tmpdir(), 'api-docs-chromium-'));
});
afterAll(async () => {
  await t?.dispose();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('the page, its script, its style and the OpenAPI document are served from the metrics port, from this origin only', async () => {
  const page = await fetch(`${base}/docs/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  const html = await page.text();
  expect(html).not.toMatch(/(src|href)="(https?:)?\/\//); // nothing from a CDN
  const bundle = await fetch(`${base}/docs/swagger-ui-bundle.js`);
  expect(Buffer.from(await bundle.arrayBuffer()).equals(readFileSync(require.resolve('swagger-ui-dist/swagger-ui-bundle.js')))).toBe(true);
  const yaml = await fetch(`${base}/docs/openapi.yaml`);
  expect(await yaml.text()).toBe(readFileSync(path.join(root, 'docs/openapi.yaml'), 'utf8'));
  expect((await fetch(`${base}/docs`, { redirect: 'manual' })).headers.get('location')).toBe('/docs/');
  expect((await fetch(`${base}/metrics`)).status).toBe(200); // still there
});

test('a headless chromium lists every operation of the OpenAPI document, and a screenshot is saved', async () => {
  const dom = await chromium('--dump-dom', `${base}/docs/`);
  const listed = [...dom.matchAll(/<span class="opblock-summary-method">([A-Z]+)<\/span>.*?data-path="([^"]+)"/gs)].map((m) => `${m[1]} ${m[2]}`).sort();
  const documented = Object.entries(openapi.paths)
    .flatMap(([p, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${p}`))
    .sort();
  expect(documented.length).toBeGreaterThanOrEqual(20);
  expect(listed).toEqual(documented);
  expect(dom).toContain('User service REST API');

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  rmSync(SCREENSHOT, { force: true });
  await chromium(`--screenshot=${SCREENSHOT}`, `${base}/docs/`);
  expect(readFileSync(SCREENSHOT).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a'); // a PNG
  expect(statSync(SCREENSHOT).size).toBeGreaterThan(50_000); // a rendered page, not a blank one
}, 240_000);

test('the OpenAPI license object has a url (validators warn on a bare name)', () => {
  expect(openapi.info.license.name).toBeTruthy();
  expect(openapi.info.license.url ?? openapi.info.license.identifier).toMatch(/^https:\/\/|^[A-Za-z0-9.-]+$/);
});
