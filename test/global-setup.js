// Builds dist/ once before the tests: the CLI and process-level tests run the compiled service the way
// operators do (`node dist/src/...`), and parallel test files must not race to compile it themselves.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
};
