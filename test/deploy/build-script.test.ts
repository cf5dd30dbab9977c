import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * scripts/build.js, the build behind `npm start`, `npm run cli` and the tests' global set-up: it emits with
 * the native TypeScript 7 compiler, and does nothing when no input changed since the last build. Checked on
 * a small project of its own (the real tsconfig files and node_modules, two source files), so the
 * repository's dist/ is never touched.
 */
const root = path.resolve(__dirname, '../..');
let project: string;

function build(...args: string[]): { code: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(project, 'scripts/build.js'), ...args], { cwd: project, encoding: 'utf8' });
  return { code: result.status, stderr: result.stderr };
}
const mtime = (file: string) => statSync(path.join(project, file)).mtimeMs;

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'build-script-'));
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'scripts/build.js']) cpSync(path.join(root, file), path.join(project, file));
  symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  mkdirSync(path.join(project, 'src/cli'), { recursive: true });
  writeFileSync(path.join(project, 'src/main.ts'), "export const answer: number = 42;\n");
  writeFileSync(path.join(project, 'src/cli/main.ts'), "import { answer } from '../main';\nexport const doubled = answer * 2;\n");
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

test('package.json builds through scripts/build.js before starting, running the CLI or making docs', () => {
  const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  for (const name of ['build', 'start', 'cli', 'migration:new', 'docs:api', 'docs:api:check']) {
    expect(scripts[name]).toMatch(/^node scripts\/build\.js( |$)/);
  }
  expect(readFileSync(path.join(root, 'test/global-setup.js'), 'utf8')).toContain('scripts/build.js');
  // The tests and the type check keep TypeScript 5.9 (ts-jest needs < 7); emitting uses the native compiler.
  expect(scripts.typecheck).toContain('node_modules/typescript/bin/tsc');
});

test('emits with the native compiler, skips an unchanged tree, rebuilds what changed, and refuses a type error', () => {
  expect(build('--check').code).toBe(1);
  const first = build();
  expect(first.code).toBe(0);
  expect(first.stderr).toMatch(/with TypeScript 7\.\d+\.\d+ \(native\)/);
  expect(readFileSync(path.join(project, 'dist/src/cli/main.js'), 'utf8')).toContain('answer * 2');
  expect(build('--check').code).toBe(0);

  // Unchanged: nothing is compiled, nothing is written.
  const before = mtime('dist/src/main.js');
  const again = build();
  expect(again).toEqual({ code: 0, stderr: '' });
  expect(mtime('dist/src/main.js')).toBe(before);

  // An edited source is noticed (by size and modification time) and compiled.
  writeFileSync(path.join(project, 'src/main.ts'), 'export const answer: number = 4242;\n');
  utimesSync(path.join(project, 'src/main.ts'), new Date(), new Date(Date.now() + 5_000));
  expect(build('--check').code).toBe(1);
  expect(build().code).toBe(0);
  expect(readFileSync(path.join(project, 'dist/src/main.js'), 'utf8')).toContain('4242');

  // A type error fails the build, and dist/ does not count as current afterwards.
  writeFileSync(path.join(project, 'src/main.ts'), "export const answer: number = 'forty-two';\n");
  const broken = build();
  expect(broken.code).not.toBe(0);
  expect(broken.stderr).toContain('dist/ was not brought up to date');
  expect(build('--check').code).toBe(1);
  writeFileSync(path.join(project, 'src/main.ts'), 'export const answer: number = 7;\n');
  expect(build().code).toBe(0);

  // A deleted output is rebuilt even though no source changed.
  rmSync(path.join(project, 'dist/src/main.js'));
  expect(build('--check').code).toBe(1);
  expect(build().code).toBe(0);
  expect(existsSync(path.join(project, 'dist/src/main.js'))).toBe(true);
  expect(existsSync(path.join(project, 'dist/.build-lock'))).toBe(false);
});

test('without the generated code it says to run npm run generate, in one line', () => {
  writeFileSync(path.join(project, 'buf.gen.yaml'), 'version: v2\n'); // a project that generates stubs into src/gen
  const result = build('--force');
  rmSync(path.join(project, 'buf.gen.yaml'));
  expect(result.code).toBe(1);
  expect(result.stderr).toBe('build: src/gen/ (the generated gRPC stubs and Prisma clients) is missing; run `npm run generate` (`npm install` and `npm ci` run it)\n');
});
