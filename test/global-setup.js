// Builds dist/ once before the tests: the CLI and process-level tests run the compiled service the way
// operators do (`node dist/src/...`), and parallel test files must not race to compile it themselves.
// The same build as `npm start` (scripts/build.js): the native TypeScript 7 compiler, and nothing at all
// when dist/ is already current. The tests' own type check stays `npm run typecheck` (TypeScript 5.9).
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { stdio: 'inherit' });
};
