#!/usr/bin/env node
// Builds dist/ from src/ and scripts/, only when something changed. Plain JavaScript so that it runs
// before anything is compiled; `npm start`, `npm run cli`, the other build-first scripts and the tests'
// global set-up all go through it.
//
// - Up to date: a fingerprint of every input (path, size, modification time of each file under src/ and
//   scripts/, both tsconfig files, the compiler's version) is kept in dist/.build-fingerprint; when it
//   matches, nothing runs (a few milliseconds).
// - Otherwise it emits with the native TypeScript 7 compiler (`typescript-native`, an npm alias of
//   typescript@7), incrementally (dist/.tsbuildinfo): about 6 s from scratch on an idle machine against
//   22 s for TypeScript 5.9, and a few seconds after an edit. TypeScript 5.9 stays the `typescript`
//   package for ts-jest and `npm run typecheck`, and is used here only if the native compiler cannot run
//   (a platform without its binary).
// - Two builds at once (a start and a CLI command) take turns through a lock folder, dist/.build-lock.
//
// Usage: node scripts/build.js [--force] [--check]
//   --force  rebuild from scratch, even if dist/ is up to date
//   --check  build nothing; exit 0 if dist/ is up to date, 1 if not
'use strict';
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const fingerprintFile = path.join(dist, '.build-fingerprint');
const buildInfoFile = path.join(dist, '.tsbuildinfo');
const lockDir = path.join(dist, '.build-lock');
const inputDirs = ['src', 'scripts'];
const inputFiles = ['tsconfig.json', 'tsconfig.build.json'];
/** Outputs that must exist for dist/ to count as built (a partly deleted dist/ is rebuilt). */
const requiredOutputs = ['dist/src/main.js', 'dist/src/cli/main.js'];

/**
 * The compilers to try, in order: the native TypeScript 7 executable (its platform package, installed as
 * an optional dependency of `typescript-native`), then TypeScript 5.9's JavaScript compiler.
 */
function compilers() {
  const found = [];
  try {
    const manifest = require.resolve('typescript-native/package.json', { paths: [root] });
    const version = JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
    const platformPackage = `@typescript/typescript-${process.platform}-${process.arch}/package.json`;
    const exe = path.join(path.dirname(require.resolve(platformPackage, { paths: [path.dirname(manifest)] })), 'lib', process.platform === 'win32' ? 'tsc.exe' : 'tsc');
    if (fs.existsSync(exe)) found.push({ pkg: 'typescript-native', version, label: `TypeScript ${version} (native)`, command: [exe] });
  } catch {
    // not installed (`npm ci --omit=dev`), or no native binary for this platform
  }
  try {
    const manifest = require.resolve('typescript/package.json', { paths: [root] });
    const version = JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
    found.push({ pkg: 'typescript', version, label: `TypeScript ${version}`, command: [process.execPath, path.join(path.dirname(manifest), 'bin', 'tsc')] });
  } catch {
    // not installed
  }
  return found;
}

function walk(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

/** A hash of every input's path, size and modification time, and of the compilers' versions. */
function fingerprint(tools) {
  const files = [];
  for (const dir of inputDirs) walk(path.join(root, dir), files);
  for (const file of inputFiles) files.push(path.join(root, file));
  files.sort();
  const hash = crypto.createHash('sha256');
  for (const tool of tools) hash.update(`${tool.pkg}@${tool.version}\n`);
  for (const file of files) {
    try {
      const stat = fs.statSync(file);
      hash.update(`${path.relative(root, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
    } catch {
      hash.update(`${path.relative(root, file)}\0missing\n`);
    }
  }
  return hash.digest('hex');
}

function isCurrent(print) {
  if (!requiredOutputs.every((file) => fs.existsSync(path.join(root, file)))) return false;
  try {
    return fs.readFileSync(fingerprintFile, 'utf8').trim() === print;
  } catch {
    return false;
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the build lock (a folder holding the owner's pid); a lock whose owner has died is taken over. */
function lock() {
  fs.mkdirSync(dist, { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let owner = NaN;
    try {
      owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
    } catch {
      // being written or removed
    }
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`build: ${path.relative(root, lockDir)} is held by pid ${owner}; remove it if no build is running`);
    sleep(100);
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function unlock() {
  fs.rmSync(lockDir, { recursive: true, force: true });
}

/** Compiles with the first compiler that runs; its diagnostics go to stderr. */
function compile(tools) {
  const args = ['-p', path.join(root, 'tsconfig.build.json'), '--incremental', '--tsBuildInfoFile', buildInfoFile];
  let result;
  for (const tool of tools) {
    result = spawnSync(tool.command[0], [...tool.command.slice(1), ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (!result.error) return { status: result.status ?? 1, tool };
    process.stderr.write(`build: ${tool.label} could not run (${result.error.message})${tool === tools[tools.length - 1] ? '' : '; trying the next compiler'}\n`);
  }
  return { status: 1, tool: undefined };
}

function main() {
  const argv = process.argv.slice(2);
  const unknown = argv.filter((a) => a !== '--force' && a !== '--check');
  if (unknown.length) {
    process.stderr.write(`build: unknown option ${unknown[0]}\nusage: node scripts/build.js [--force] [--check]\n`);
    return 2;
  }
  const tools = compilers();
  if (tools.length === 0) {
    process.stderr.write('build: no TypeScript compiler in node_modules; run `npm ci` (with dev dependencies) first\n');
    return 1;
  }
  // The generated code (gRPC stubs, Prisma clients) is made by `npm run generate`, which `npm install` runs;
  // without it the compiler reports hundreds of missing modules instead of this one line.
  if (fs.existsSync(path.join(root, 'buf.gen.yaml')) && !fs.existsSync(path.join(root, 'src', 'gen', 'proto'))) {
    process.stderr.write('build: src/gen/ (the generated gRPC stubs and Prisma clients) is missing; run `npm run generate` (`npm install` and `npm ci` run it)\n');
    return 1;
  }
  const force = argv.includes('--force');
  if (argv.includes('--check')) return isCurrent(fingerprint(tools)) ? 0 : 1;
  if (!force && isCurrent(fingerprint(tools))) return 0;
  lock();
  try {
    // Taken again under the lock: the build that held it may have just made dist/ current.
    const print = fingerprint(tools);
    if (!force && isCurrent(print)) return 0;
    // The incremental state describes outputs that are no longer there: start from scratch.
    // --force means from scratch.
    if (force || !requiredOutputs.every((file) => fs.existsSync(path.join(root, file)))) fs.rmSync(buildInfoFile, { force: true });
    const started = Date.now();
    const { status, tool } = compile(tools);
    if (status !== 0) {
      try {
        fs.rmSync(fingerprintFile, { force: true });
      } catch {
        // nothing to remove
      }
      process.stderr.write(`build: ${tool ? tool.label : 'the compiler'} failed (exit ${status}); dist/ was not brought up to date\n`);
      return status || 1;
    }
    // The fingerprint taken before compiling: a file edited during the build makes the next run build again.
    fs.writeFileSync(fingerprintFile, `${print}\n`);
    process.stderr.write(`build: compiled src/ and scripts/ into dist/ with ${tool.label} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } finally {
    unlock();
  }
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`build: ${error.message}\n`);
  process.exitCode = 1;
}
