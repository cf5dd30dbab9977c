import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * The README's examples, checked against the API they describe (grpcurl and Envoy cannot run here, so this
 * is what can be checked): every RPC has a grpcurl line and a curl line through Envoy; each curl line's
 * method and path is that RPC's HTTP rule (docs/openapi.yaml, generated from the protos); every JSON body
 * parses; mask paths are lowerCamelCase; every shell variable is set before it is used; the "Deploying"
 * example logs in as the compose stack's super-admin; the audit action list is the code's event types.
 */
const root = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
type Operation = { operationId: string };
const openapi = parse(readFileSync(path.join(root, 'docs/openapi.yaml'), 'utf8')) as { paths: Record<string, Record<string, Operation>> };

/** The first ```sh block after `heading`, as lines (continuations joined). */
function block(heading: string): string[] {
  const at = readme.indexOf(heading);
  expect(at).toBeGreaterThan(-1);
  const start = readme.indexOf('```sh\n', at) + '```sh\n'.length;
  const body = readme.slice(start, readme.indexOf('```', start));
  return body.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/** Every RPC with its HTTP rules: `AuthService/Login` → ['POST /v1/auth:login']. */
const rules = new Map<string, string[]>();
for (const [p, operations] of Object.entries(openapi.paths)) {
  for (const [method, op] of Object.entries(operations)) {
    if (!op?.operationId) continue;
    const rpc = op.operationId.replace(/_\d+$/, '').replace('_', '/');
    rules.set(rpc, [...(rules.get(rpc) ?? []), `${method.toUpperCase()} ${p}`]);
  }
}

/** The JSON after -d, with shell quoting undone and variables replaced by a placeholder. */
function bodies(line: string): unknown[] {
  const found: unknown[] = [];
  for (const m of line.matchAll(/-d '([^']*)'|-d "((?:[^"\\]|\\.)*)"/g)) {
    const text = m[1] ?? m[2].replace(/\\"/g, '"').replace(/\$\{?[A-Z_]+\}?/g, 'x');
    found.push(JSON.parse(text));
  }
  return found;
}

function maskPaths(line: string): string[] {
  const paths: string[] = [];
  for (const body of bodies(line)) {
    const mask = (body as Record<string, unknown>).update_mask ?? (body as Record<string, unknown>).updateMask;
    if (typeof mask === 'string') paths.push(...mask.split(','));
  }
  for (const m of line.matchAll(/[?&]updateMask=([^&'"\s]+)/g)) paths.push(...m[1].split(','));
  return paths;
}

describe('"Every RPC by example"', () => {
  let lines: string[];
  beforeAll(() => {
    lines = block('### Every RPC by example');
  });

  test('every RPC has a grpcurl line and a curl line whose method and path are its HTTP rule', () => {
    const grpcurl = new Set(lines.flatMap((l) => [...l.matchAll(/grpcurl .*userservice\.v1\.(\w+\/\w+)/g)].map((m) => m[1])));
    const curl = new Map<string, string[]>();
    for (const line of lines.filter((l) => /\bcurl /.test(l))) {
      const url = /localhost:8080(\/[^\s'"?]*)/.exec(line)![1];
      const method = /-X (\w+)/.exec(line)?.[1] ?? (/ -d /.test(line) ? 'POST' : 'GET');
      const rpc = [...rules].find(([, list]) =>
        list.some((rule) => {
          const [m, template] = rule.split(' ');
          const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, '[^/]+')}$`);
          return m === method && pattern.test(url);
        }),
      );
      expect({ line, rpc: rpc?.[0] }).toEqual({ line, rpc: expect.any(String) });
      curl.set(rpc![0], [...(curl.get(rpc![0]) ?? []), line]);
    }
    expect(rules.size).toBeGreaterThanOrEqual(19);
    for (const rpc of rules.keys()) {
      expect({ rpc, grpcurl: grpcurl.has(rpc), curl: curl.has(rpc) }).toEqual({ rpc, grpcurl: true, curl: true });
    }
  });

  test('every JSON body parses and every update mask path is lowerCamelCase', () => {
    let masks = 0;
    for (const line of lines) {
      expect(() => bodies(line)).not.toThrow();
      for (const p of maskPaths(line)) {
        masks += 1;
        expect({ line, path: p }).toEqual({ line, path: expect.stringMatching(/^[a-z][a-zA-Z]*$/) });
      }
    }
    expect(masks).toBeGreaterThanOrEqual(8);
  });

  test('every variable is set before it is used (TOKEN by the "Calling it" example above)', () => {
    const before = readme.slice(0, readme.indexOf('### Every RPC by example'));
    const set = new Set([...before.matchAll(/^\s*([A-Z_]+)=/gm)].map((m) => m[1]));
    expect(set.has('TOKEN')).toBe(true);
    for (const line of lines) {
      for (const m of line.matchAll(/\$\{?([A-Z_]+)/g)) expect({ line, variable: m[1], set: set.has(m[1]) }).toEqual({ line, variable: m[1], set: true });
      for (const m of line.matchAll(/(?:^|;\s*)([A-Z_]+)=/g)) set.add(m[1]);
    }
  });
});

test('"Deploying" logs in as the compose stack\'s super-admin and sets every variable it uses', () => {
  const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { environment?: Record<string, string> }> };
  const env = Object.values(compose.services).find((s) => s.environment?.BOOTSTRAP_SUPERADMIN_EMAIL)!.environment!;
  const defaultPassword = /:-([^}]*)\}/.exec(env.BOOTSTRAP_SUPERADMIN_PASSWORD)![1];
  const lines = block('## Deploying');
  const login = lines.find((l) => l.startsWith('TOKEN='))!;
  expect(bodies(login)).toEqual([{ email: env.BOOTSTRAP_SUPERADMIN_EMAIL, password: defaultPassword }]);
  const set = new Set<string>();
  for (const line of lines) {
    for (const m of line.matchAll(/\$\{?([A-Z_]+)/g)) expect({ line, variable: m[1], set: set.has(m[1]) }).toEqual({ line, variable: m[1], set: true });
    for (const m of line.matchAll(/^([A-Z_]+)=/g)) set.add(m[1]);
  }
  expect(set.has('USER_TOKEN')).toBe(true);
});

test('the audit action names listed are the event types the code records', () => {
  // The published events (internal ones never reach the outbox, so never the audit trail).
  const source = readFileSync(path.join(root, 'src/domain/events/domain-event.ts'), 'utf8');
  const published = source.slice(source.indexOf('export type PublishedEvent'), source.indexOf('export type InternalEvent'));
  const types = [...new Set([...published.matchAll(/type: '(\w+)'/g)].map((m) => m[1]))].sort();
  const at = readme.indexOf('### Audit action names');
  const table = readme.slice(at, readme.indexOf('\n\n', readme.indexOf('| Log |', at)));
  const listed = [...new Set([...table.matchAll(/`([A-Z]\w+)`/g)].map((m) => m[1]).filter((n) => !['SUPER_ADMIN'].includes(n)))].sort();
  expect(listed).toEqual(types);
});
