/**
 * Checks the deployment files that cannot be run here (no Docker engine, Envoy or Helm on this machine):
 * every YAML file parses; Envoy's transcoder names exactly the services of the descriptor set and reads it
 * where compose mounts it; every RPC has an HTTP rule that binds real request fields; the Dockerfile's
 * runtime layout is the one src/infrastructure/project-root.ts looks for; the health probe script works
 * against a real grpc-js health service; the Helm chart renders (with a small renderer of the Go-template
 * subset it uses, test/deploy/mini-helm.ts) into consistent manifests for the default, dev and prod values;
 * and the CI workflow keeps the steps of .ci/run.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { createFileRegistry, fromBinary } from '@bufbuild/protobuf';
import type { DescService, FileRegistry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { HealthImplementation } from 'grpc-health-check';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { apiServices, CORE_SERVICES, httpBindings } from '../../scripts/generate-api-docs';
import { mergeValues, renderChart } from './mini-helm';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
type Doc = any;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

function loadRegistry(): FileRegistry {
  return createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(path.join(ROOT, 'src/gen/userservice.binpb'))));
}

/** Environment variables the service reads (the keys of the zod schema in src/config/config.ts). */
function configVariables(): Set<string> {
  const source = read('src/config/config.ts');
  const block = /const schema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source);
  if (!block) throw new Error('cannot find the configuration schema in src/config/config.ts');
  return new Set([...block[1].matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]));
}

function envoyConfig(): Doc {
  return parseYaml(read('deploy/envoy/envoy.yaml'));
}

function httpFilters(envoy: Doc): Doc[] {
  const hcm = envoy.static_resources.listeners[0].filter_chains[0].filters.find((f: Doc) => f.name === 'envoy.filters.network.http_connection_manager');
  return hcm.typed_config.http_filters;
}

function transcoder(envoy: Doc): Doc {
  const filter = httpFilters(envoy).find((f) => f.name === 'envoy.filters.http.grpc_json_transcoder');
  expect(filter).toBeDefined();
  return filter.typed_config;
}

const compose = (): Doc => parseYaml(read('docker-compose.yml'));

describe('YAML files', () => {
  const files = [
    ...walk(path.join(ROOT, 'deploy')).filter((f) => /\.ya?ml$/.test(f) && !f.includes(`${path.sep}templates${path.sep}`)),
    path.join(ROOT, 'docker-compose.yml'),
    path.join(ROOT, '.github/workflows/ci.yml'),
  ];

  it.each(files.map((f) => [path.relative(ROOT, f)]))('%s parses (no syntax errors, no duplicate keys)', (file) => {
    const docs = parseAllDocuments(read(file));
    const list = Array.isArray(docs) ? docs : [docs];
    for (const doc of list) {
      expect(doc.errors.map((e) => e.message)).toEqual([]);
      expect(doc.toJS()).toBeTruthy();
    }
  });
});

describe('descriptor set and HTTP rules', () => {
  const registry = loadRegistry();
  const services = apiServices(registry);
  const http = registry.getExtension('google.api.http')!;

  it('holds the three core services', () => {
    const names = services.map((s) => s.typeName);
    for (const name of CORE_SERVICES) expect(names).toContain(name);
    expect(http).toBeDefined();
  });

  it('gives every RPC of every service an HTTP rule whose path variables and body name request fields', () => {
    const missing: string[] = [];
    const seen = new Map<string, string>();
    for (const service of services) {
      for (const method of service.methods) {
        const id = `${service.typeName}/${method.name}`;
        const bindings = httpBindings({ http }, method);
        if (bindings.length === 0) missing.push(id);
        for (const binding of bindings) {
          for (const fieldPath of binding.pathFields) {
            let message = method.input;
            const parts = fieldPath.split('.');
            parts.forEach((part, i) => {
              const field = message.fields.find((f) => f.name === part);
              expect({ id, fieldPath, found: Boolean(field) }).toEqual({ id, fieldPath, found: true });
              if (i < parts.length - 1) message = field!.message!;
            });
          }
          if (binding.body && binding.body !== '*') expect({ id, body: method.input.fields.some((f) => f.name === binding.body) }).toEqual({ id, body: true });
          const key = `${binding.verb.toUpperCase()} ${binding.template}`;
          expect({ key, boundBy: seen.get(key) ?? id }).toEqual({ key, boundBy: id });
          seen.set(key, id);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('Envoy', () => {
  const envoy = envoyConfig();
  const registry = loadRegistry();

  it('transcodes exactly the services of package userservice.v1 from the mounted descriptor set', () => {
    const config = transcoder(envoy);
    expect(config.proto_descriptor).toBe('/etc/envoy/userservice.binpb');
    const expected = apiServices(registry).map((s: DescService) => s.typeName);
    for (const name of CORE_SERVICES) expect(config.services).toContain(name);
    expect([...config.services].sort()).toEqual([...expected].sort());
  });

  it('prints lowerCamelCase JSON without default values and converts gRPC errors', () => {
    const config = transcoder(envoy);
    expect(config.print_options).toMatchObject({ always_print_primitive_fields: false, preserve_proto_field_names: false });
    expect(config.convert_grpc_status).toBe(true);
  });

  it('allows the browser headers the API needs and exposes the gRPC status and request id', () => {
    const vhost = envoy.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0];
    const cors = vhost.typed_per_filter_config['envoy.filters.http.cors'];
    const list = (s: string) => s.split(',').map((h) => h.trim().toLowerCase());
    expect(list(cors.allow_headers)).toEqual(expect.arrayContaining(['authorization', 'x-tenant-id', 'x-request-id', 'content-type']));
    expect(list(cors.expose_headers)).toEqual(expect.arrayContaining(['x-request-id', 'grpc-status', 'grpc-message']));
    const names = httpFilters(envoy).map((f) => f.name);
    expect(names[names.length - 1]).toBe('envoy.filters.http.router');
    expect(names.indexOf('envoy.filters.http.cors')).toBeLessThan(names.indexOf('envoy.filters.http.grpc_json_transcoder'));
  });

  it('routes to the HTTP/2 cluster user-service, health checked with grpc.health.v1', () => {
    const vhost = envoy.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0];
    expect(vhost.routes.every((r: Doc) => r.route.cluster === 'user-service')).toBe(true);
    const cluster = envoy.static_resources.clusters.find((c: Doc) => c.name === 'user-service');
    const options = cluster.typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'];
    expect(options.explicit_http_config.http2_protocol_options).toBeDefined();
    expect(cluster.health_checks[0].grpc_health_check).toBeDefined();
    const address = cluster.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address;
    // The compose service of that name listens there.
    const service = compose().services[address.address];
    expect(service).toBeDefined();
    expect(Number(service.environment.GRPC_PORT)).toBe(address.port_value);
  });

  it('is mounted by compose with the descriptor set at the path the transcoder reads', () => {
    const volumes: string[] = compose().services.envoy.volumes;
    expect(volumes).toContain('./deploy/envoy/envoy.yaml:/etc/envoy/envoy.yaml:ro');
    expect(volumes).toContain(`./src/gen/userservice.binpb:${transcoder(envoy).proto_descriptor}:ro`);
  });
});

describe('docker-compose.yml', () => {
  const services = compose().services;

  it('runs the service, PostgreSQL 16, Redis 7 and Envoy, each with a healthcheck', () => {
    expect(services['user-service'].build.dockerfile).toBe('Dockerfile');
    expect(services.postgres.image).toMatch(/^postgres:16/);
    expect(services.redis.image).toMatch(/^redis:7/);
    expect(services.envoy.image).toMatch(/^envoyproxy\/envoy:v1\.3\d/);
    for (const name of ['user-service', 'postgres', 'redis', 'envoy']) expect({ name, healthcheck: Boolean(services[name].healthcheck) }).toEqual({ name, healthcheck: true });
    expect(services['user-service'].healthcheck.test).toEqual(['CMD', 'node', 'deploy/docker/healthcheck.js']);
  });

  it('configures the service only with variables it reads, valid for its configuration', () => {
    const known = configVariables();
    const env: Record<string, string> = services['user-service'].environment;
    for (const name of Object.keys(env)) expect({ name, known: known.has(name) }).toEqual({ name, known: true });
    expect(env.DATABASE_URL).toMatch(/^postgresql:\/\/[^@]+@postgres:5432\//);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    expect(env.BOOTSTRAP_SUPERADMIN_EMAIL).toBeTruthy();
    // `${VAR:-default}`: the default must satisfy the 12-character minimum.
    expect(/:-([^}]*)\}/.exec(env.BOOTSTRAP_SUPERADMIN_PASSWORD)?.[1].length).toBeGreaterThanOrEqual(12);
    const keyVolume = services['user-service'].volumes.find((v: string) => v.startsWith('jwt-key:'));
    expect(env.JWT_PRIVATE_KEY_FILE.startsWith(keyVolume.split(':')[1])).toBe(true);
    expect(services['user-service'].depends_on['jwt-key'].condition).toBe('service_completed_successfully');
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages[stages.length - 1];

  it('builds in one stage (npm ci, build, prune) and runs as a non-root user in another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages[0];
    expect(build).toMatch(/RUN npm ci\b/);
    expect(build).toMatch(/npm run build/);
    expect(build).toMatch(/npm prune --omit=dev/);
    expect(runtime).toMatch(/^\$\{NODE_IMAGE\}|^node:20-bookworm-slim|^gcr\.io\/distroless\/nodejs20/);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    const user = /^USER (\S+)/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(user!.split(':')[0]).toMatch(/^[1-9][0-9]*$/); // numeric, so Kubernetes can verify runAsNonRoot
    expect(runtime).toMatch(/^HEALTHCHECK [\s\S]*CMD \["node", "deploy\/docker\/healthcheck\.js"\]/m);
    expect(runtime).toMatch(/^CMD \["node", (?:"--[a-z-]+=\w+", )*"dist\/src\/main\.js"\]/m);
  });

  it('runs the service with the memory settings of `npm start` and of the benchmark (README "Resident memory")', () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(runtime)![1]) as string[];
    const dockerFlags = cmd.slice(1, -1);
    const dockerEnv = Object.fromEntries([...runtime.matchAll(/\b(MALLOC_[A-Z_]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
    const start = JSON.parse(read('package.json')).scripts.start as string;
    const startCommand = /exec node (.*) dist\/src\/main\.js$/.exec(start);
    expect(startCommand).not.toBeNull();
    const startFlags = startCommand![1].split(' ');
    const startEnv = Object.fromEntries([...start.matchAll(/\b(MALLOC_[A-Z_]+)=\$\{\1:-(\S+)\}/g)].map((m) => [m[1], m[2]]));
    const bench = read('bench/support/servers.ts');
    const benchFlags = JSON.parse(/SERVICE_NODE_ARGS = (\[.*\]);/.exec(bench)![1].replace(/'/g, '"'));
    const benchEnv = Object.fromEntries([...bench.matchAll(/\b(MALLOC_[A-Z_]+): '(\S+)'/g)].map((m) => [m[1], m[2]]));
    expect(dockerFlags).toEqual(['--max-old-space-size=512']);
    expect(dockerEnv).toEqual({ MALLOC_MMAP_THRESHOLD_: '1048576' });
    expect({ startFlags, startEnv }).toEqual({ startFlags: dockerFlags, startEnv: dockerEnv });
    expect({ benchFlags, benchEnv }).toEqual({ benchFlags: dockerFlags, benchEnv: dockerEnv });
  });

  it('lays out the runtime image the way project-root.ts and the migrator look for it', () => {
    const workdir = /^WORKDIR (\S+)/m.exec(runtime)![1];
    const destinations = [...runtime.matchAll(/^COPY (?:--from=\S+ )?(\S+) (\S+)$/gm)].map((m) => path.posix.join(workdir, m[2]));
    // project-root.ts walks up from dist/src/infrastructure to the first folder holding package.json.
    expect(destinations).toContain(path.posix.join(workdir, 'package.json'));
    expect(destinations).toContain(path.posix.join(workdir, 'dist'));
    expect(destinations).toContain(path.posix.join(workdir, 'node_modules'));
    // ... and reads <root>/src/gen/userservice.binpb and <root>/prisma/<schema>/{schema.prisma,migrations}.
    expect(destinations).toContain(path.posix.join(workdir, 'src/gen/userservice.binpb'));
    expect(destinations).toContain(path.posix.join(workdir, 'prisma'));
    expect(destinations).toContain(path.posix.join(workdir, 'deploy/docker/healthcheck.js'));
    const projectRoot = read('src/infrastructure/project-root.ts');
    expect(projectRoot).toContain("path.join(projectRoot(), 'src', 'gen', 'userservice.binpb')");
    expect(read('src/infrastructure/prisma/migrator.ts')).toContain("path.join(projectRoot(), 'prisma', schema");
    // The main module the CMD runs is where the build puts it.
    const build = JSON.parse(read('tsconfig.build.json'));
    expect(build.include).toContain('src');
  });

  it('sends the build every file it copies from the context (.dockerignore)', () => {
    const patterns = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const toRegex = (p: string) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/.*)?$`);
    const ignored = (file: string) => {
      let result = false;
      for (const p of patterns) {
        if (p.startsWith('!')) {
          if (toRegex(p.slice(1)).test(file)) result = false;
        } else if (toRegex(p.replace(/\/$/, '')).test(file)) result = true;
      }
      return result;
    };
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) (\S+)$/gm)].flatMap((m) => m[1].split(/\s+/)).map((s) => s.replace(/\/$/, ''));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect({ source, exists: existsSync(path.join(ROOT, source)) }).toEqual({ source, exists: true });
      expect({ source, ignored: ignored(source) }).toEqual({ source, ignored: false });
    }
    for (const bulky of ['node_modules', 'dist', 'src/gen', '.git', 'test']) expect({ bulky, ignored: ignored(bulky) }).toEqual({ bulky, ignored: true });
  });
});

describe('deploy/docker/healthcheck.js', () => {
  let server: grpc.Server;
  let port: number;
  const health = new HealthImplementation({ '': 'SERVING', 'userservice.v1.AuthService': 'NOT_SERVING' });

  beforeAll(async () => {
    server = new grpc.Server();
    health.addToServer(server);
    port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
  });
  afterAll(() => server.forceShutdown());

  const probe = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [path.join(ROOT, 'deploy/docker/healthcheck.js'), ...args], { env: { ...process.env, GRPC_PORT: String(port), ...env } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout: stdout.trim(), stderr: stderr.trim() }),
      ),
    );

  it('exits 0 when the server is SERVING', async () => {
    expect(await probe([])).toEqual({ code: 0, stdout: 'SERVING', stderr: '' });
  });

  it('exits 1 when the service is NOT_SERVING or unknown', async () => {
    expect(await probe(['userservice.v1.AuthService'])).toMatchObject({ code: 1, stderr: 'unhealthy: NOT_SERVING' });
    expect(await probe(['no.such.Service'])).toMatchObject({ code: 1, stderr: expect.stringContaining('NOT_FOUND') });
  });

  it('exits 1 when nothing answers', async () => {
    const closed = new grpc.Server();
    const free = await new Promise<number>((resolve) => closed.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (_e, p) => resolve(p)));
    closed.forceShutdown();
    expect(await probe([], { GRPC_PORT: String(free), HEALTHCHECK_TIMEOUT_MS: '1500' })).toMatchObject({ code: 1, stderr: expect.stringContaining('unhealthy') });
  });
});

describe('Helm chart', () => {
  const chartDir = path.join(ROOT, 'deploy/helm/user-service');
  const valuesOf = (file: string) => parseYaml(readFileSync(path.join(chartDir, file), 'utf8'));
  const secrets = {
    secrets: {
      databaseUrl: 'postgresql://userservice:secret@postgresql:5432/userservice',
      redisUrl: 'redis://redis:6379',
      jwtPrivateKey: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n',
      secondFactorKey: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
      bootstrapSuperAdmin: { email: 'admin@example.com', password: 'a-long-password' },
    },
  };

  function manifests(overrides: Doc): Doc[] {
    return renderChart(chartDir, overrides).flatMap((file) =>
      parseAllDocuments(file.content)
        .map((doc) => {
          expect({ file: file.name, errors: doc.errors.map((e) => e.message) }).toEqual({ file: file.name, errors: [] });
          return doc.toJS();
        })
        .filter(Boolean),
    );
  }
  const find = (docs: Doc[], kind: string, suffix = '') => docs.filter((d) => d.kind === kind && (suffix === '' || d.metadata.name.endsWith(suffix)));
  const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels?.[k] === v);

  it('refuses to render without the required secrets (unless existingSecret is set)', () => {
    expect(() => renderChart(chartDir, {})).toThrow(/secrets\.databaseUrl is required/);
    expect(() => renderChart(chartDir, { secrets: { databaseUrl: 'postgresql://x@y/z', secondFactorKey: 'k' } })).toThrow(/secrets\.jwtPrivateKey is required/);
    expect(() => renderChart(chartDir, { secrets: { databaseUrl: 'postgresql://x@y/z', jwtPrivateKey: 'k' } })).toThrow(/secrets\.secondFactorKey is required/);
  });

  const variants: Array<[string, Doc]> = [
    ['values.yaml', secrets],
    ['values-dev.yaml', { ...valuesOf('values-dev.yaml'), secrets: { ...valuesOf('values-dev.yaml').secrets, jwtPrivateKey: secrets.secrets.jwtPrivateKey, secondFactorKey: secrets.secrets.secondFactorKey } }],
    ['values-prod.yaml', valuesOf('values-prod.yaml')],
  ];

  describe.each(variants)('rendered with %s', (name, overrides) => {
    const docs = manifests(overrides);
    const [deployment] = find(docs, 'Deployment');
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    const [configMap] = find(docs, 'ConfigMap');
    const values = renderValues(chartDir, overrides);

    it('makes well-formed resources with unique names per kind', () => {
      for (const doc of docs) {
        expect(typeof doc.apiVersion).toBe('string');
        expect(typeof doc.kind).toBe('string');
        expect(doc.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        expect(doc.metadata.name.length).toBeLessThanOrEqual(63);
      }
      const keys = docs.map((d) => `${d.kind}/${d.metadata.name}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(docs.map((d) => d.kind)).toEqual(expect.arrayContaining(['Deployment', 'Service', 'ConfigMap', 'Job']));
    });

    it('probes the gRPC port with native gRPC probes and exposes the metrics port', () => {
      const port = container.ports.find((p: Doc) => p.name === 'grpc');
      expect(port.containerPort).toBe(values.grpcPort);
      if (values.metrics.enabled) {
        const metrics = container.ports.find((p: Doc) => p.name === 'metrics');
        expect(metrics.containerPort).toBe(values.metrics.port);
        expect(configMap.data.METRICS_PORT).toBe(String(values.metrics.port));
        expect(deployment.spec.template.metadata.annotations['prometheus.io/port']).toBe(String(values.metrics.port));
      }
      for (const probe of ['startupProbe', 'readinessProbe']) expect({ probe, grpc: container[probe].grpc }).toEqual({ probe, grpc: { port: values.grpcPort } });
      expect(container.livenessProbe.grpc).toEqual({ port: values.grpcPort, service: 'liveness' });
      expect(configMap.data.GRPC_PORT).toBe(String(values.grpcPort));
    });

    it('gives the pod time for the whole shutdown, and readiness sees NOT_SERVING within the delay (issue 15)', () => {
      const delay = Number(configMap.data.SHUTDOWN_DELAY_SECONDS);
      const grace = Number(configMap.data.SHUTDOWN_GRACE_SECONDS);
      const preStop = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
      expect({ delay: delay > 0, grace: grace > 0 }).toEqual({ delay: true, grace: true });
      // main.ts exits at the latest delay + grace + 6 s after SIGTERM; Kubernetes kills at terminationGracePeriodSeconds.
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStop + delay + grace + 6);
      const readiness = container.readinessProbe;
      expect(readiness.periodSeconds * readiness.failureThreshold).toBeLessThan(delay);
    });

    it("runs the image's command and memory settings (Dockerfile CMD and ENV), overriding neither", () => {
      expect({ command: container.command, args: container.args }).toEqual({ command: undefined, args: undefined });
      const names = [...Object.keys(configMap.data), ...container.env.map((e: Doc) => e.name)];
      for (const name of ['NODE_OPTIONS', 'MALLOC_MMAP_THRESHOLD_']) expect(names).not.toContain(name);
    });

    it('runs non-root on a read-only root filesystem with DATA_DIR on an emptyDir', () => {
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      const volumes = new Map(pod.volumes.map((v: Doc) => [v.name, v]));
      for (const mount of container.volumeMounts) expect({ mount: mount.name, volume: volumes.has(mount.name) }).toEqual({ mount: mount.name, volume: true });
      const dataMount = container.volumeMounts.find((m: Doc) => m.mountPath === configMap.data.DATA_DIR);
      expect((volumes.get(dataMount.name) as Doc).emptyDir).toBeDefined();
      expect(container.resources.requests).toBeDefined();
    });

    it('takes settings from the ConfigMap and the Secret, with names the service reads', () => {
      const known = configVariables();
      for (const [key, value] of Object.entries(configMap.data)) {
        expect({ key, known: known.has(key) }).toEqual({ key, known: true });
        expect(typeof value).toBe('string');
      }
      expect(container.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
      for (const env of container.env) expect({ env: env.name, known: known.has(env.name) }).toEqual({ env: env.name, known: true });
      const secretName = values.secrets.existingSecret || deployment.metadata.name;
      const [secret] = find(docs, 'Secret').filter((s) => s.metadata.name === secretName);
      for (const env of container.env) {
        const ref = env.valueFrom.secretKeyRef;
        expect(ref.name).toBe(secretName);
        if (secret && !ref.optional) expect({ key: ref.key, present: ref.key in secret.stringData }).toEqual({ key: ref.key, present: true });
        if (secret && ref.key in secret.stringData) expect(secret.stringData[ref.key]).not.toBe(''); // empty counts as set: an error
      }
      if (values.secrets.existingSecret) expect(secret).toBeUndefined();
      else expect(secret).toBeDefined();
      // The JWT key file is where the secret volume puts it.
      const keyVolume = pod.volumes.find((v: Doc) => v.secret);
      const keyMount = container.volumeMounts.find((m: Doc) => m.name === keyVolume.name);
      expect(configMap.data.JWT_PRIVATE_KEY_FILE).toBe(path.posix.join(keyMount.mountPath, keyVolume.secret.items[0].path));
      expect(keyVolume.secret.secretName).toBe(secretName);
      expect(keyVolume.secret.items[0].key).toBe(values.secrets.keys.jwtPrivateKey);
      if (secret) expect(secret.stringData[values.secrets.keys.jwtPrivateKey]).toContain('PRIVATE KEY');
      // Every replica reads the same TOTP secret key from the Secret (a pod without it would make its own).
      expect(container.env.find((e: Doc) => e.name === 'SECOND_FACTOR_KEY')?.valueFrom.secretKeyRef).toMatchObject({ name: secretName, key: values.secrets.keys.secondFactorKey });
      if (secret) expect(Buffer.from(secret.stringData[values.secrets.keys.secondFactorKey], 'base64')).toHaveLength(32);
    });

    it('selects exactly the Deployment pods with the Services, the PodDisruptionBudget and the autoscaler', () => {
      const podLabels = deployment.spec.template.metadata.labels;
      expect(matches(deployment.spec.selector.matchLabels, podLabels)).toBe(true);
      const services = find(docs, 'Service');
      expect(services.length).toBeGreaterThanOrEqual(1);
      for (const service of services) {
        expect(matches(service.spec.selector, podLabels)).toBe(true);
        expect(service.spec.ports[0].targetPort).toBe('grpc');
      }
      const [job] = find(docs, 'Job');
      for (const service of services) expect(matches(service.spec.selector, job.spec.template.metadata.labels)).toBe(false);
      const [pdb] = find(docs, 'PodDisruptionBudget');
      if (values.podDisruptionBudget.enabled) {
        expect(pdb.apiVersion).toBe('policy/v1');
        expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
      } else expect(pdb).toBeUndefined();
      const [hpa] = find(docs, 'HorizontalPodAutoscaler');
      if (values.autoscaling.enabled) {
        expect(hpa.apiVersion).toBe('autoscaling/v2');
        expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
        expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
        expect(deployment.spec.replicas).toBeUndefined();
      } else {
        expect(hpa).toBeUndefined();
        expect(deployment.spec.replicas).toBe(values.replicaCount);
      }
    });

    it('migrates in a pre-install/pre-upgrade hook Job that can reach its secret', () => {
      const [job] = find(docs, 'Job');
      expect(job.metadata.annotations['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      const spec = job.spec.template.spec;
      expect(spec.restartPolicy).toBe('Never');
      expect(spec.containers[0].image).toBe(container.image);
      expect(spec.containers[0].command).toEqual(values.migrations.command);
      // The command runs a module the build produces: dist/src/<x>.js from src/<x>.ts.
      const script = /^dist\/(src\/.+)\.js$/.exec(values.migrations.command[1])?.[1];
      expect(script && existsSync(path.join(ROOT, `${script}.ts`))).toBe(true);
      expect(values.migrations.command.slice(2)).toEqual(['migrate']);
      expect(read('src/cli/main.ts')).toContain("case 'migrate':");
      const databaseRef = spec.containers[0].env.find((e: Doc) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef;
      if (values.secrets.existingSecret) {
        expect(databaseRef.name).toBe(values.secrets.existingSecret);
      } else {
        // The release's Secret does not exist yet during pre-install: the Job's own hook Secret comes first.
        const [hookSecret] = find(docs, 'Secret').filter((s) => s.metadata.name === databaseRef.name);
        expect(hookSecret.metadata.annotations['helm.sh/hook']).toBe('pre-install,pre-upgrade');
        expect(Number(hookSecret.metadata.annotations['helm.sh/hook-weight'])).toBeLessThan(Number(job.metadata.annotations['helm.sh/hook-weight']));
        expect(hookSecret.stringData[databaseRef.key]).toBe(values.secrets.databaseUrl);
      }
      expect(spec.securityContext.runAsNonRoot).toBe(true);
    });
  });
});

/** The chart's values as Helm would merge them (for the expectations above). */
function renderValues(chartDir: string, overrides: Doc): Doc {
  return mergeValues(parseYaml(readFileSync(path.join(chartDir, 'values.yaml'), 'utf8')), overrides);
}

describe('GitHub Actions workflow', () => {
  const workflow = parseYaml(read('.github/workflows/ci.yml'));
  const runs = Object.values(workflow.jobs as Record<string, Doc>).flatMap((job) => job.steps.map((s: Doc) => String(s.run ?? '')));
  const all = runs.join('\n');

  it('keeps the steps of .ci/run: npm ci, buf lint, typecheck, tests', () => {
    const ci = read('.ci/run');
    for (const step of ['npm ci', 'npm run lint:proto', 'npm run typecheck']) {
      expect(ci).toContain(step);
      expect(all).toContain(step);
    }
    expect(ci).toContain('npm test');
    expect(all).toMatch(/npx jest --coverage/);
  });

  it('adds buf breaking against main, the API docs check and the image build', () => {
    expect(all).toContain("buf breaking --against '.git#branch=main'");
    expect(all).toContain('node dist/scripts/generate-api-docs.js --check');
    const uses = Object.values(workflow.jobs as Record<string, Doc>).flatMap((job) => job.steps.map((s: Doc) => String(s.uses ?? '')));
    expect(uses.some((u) => u.startsWith('docker/build-push-action'))).toBe(true);
  });

  it('gives the tests PostgreSQL (trust, 5432) and Redis (6379) service containers', () => {
    const services = workflow.jobs.test.services;
    expect(services.postgres.env.POSTGRES_HOST_AUTH_METHOD).toBe('trust');
    expect(services.postgres.ports).toContain('5432:5432');
    expect(services.redis.ports).toContain('6379:6379');
  });
});
