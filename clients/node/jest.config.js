/** The kit's tests on their own (`npm test` here). In the repository, the root `npm test` runs them too. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', esModuleInterop: true, target: 'ES2022' } }] },
};
