import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The README says Node >= 20.19 (package.json "engines" too): every package the lockfile installs must
 * accept it, so `npm ci` prints no EBADENGINE warning. One known exception, documented in the README:
 * the Prisma CLI (a dev dependency, itself ^20.19) pulls in @prisma/dev for its `prisma dev` command,
 * whose @prisma/streams-local declares Node >= 22; we never run `prisma dev`.
 */
const root = path.resolve(__dirname, '../..');
// npm's own range semantics (semver is installed through dependency-cruiser; it has no types of its own here).
const semver = require('semver') as { minVersion(range: string): { version: string } | null; satisfies(version: string, range: string, options?: object): boolean };
const KNOWN_EXCEPTIONS = new Set(['node_modules/@prisma/streams-local']);

test('every locked package accepts the Node version the README promises', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
  expect(manifest.engines.node).toBe('>=20.19');
  expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain('Node ≥ 20.19');
  const minimum = semver.minVersion(manifest.engines.node)!.version;
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }> };
  const refusing = Object.entries(lock.packages)
    .filter(([name, entry]) => name !== '' && !KNOWN_EXCEPTIONS.has(name) && entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
    .filter(([, entry]) => !semver.satisfies(minimum, (entry.engines as { node: string }).node, { includePrerelease: true }))
    .map(([name, entry]) => `${name} wants node ${(entry.engines as { node: string }).node}`);
  expect(refusing).toEqual([]);
});

test('the dependencies nothing uses are gone (google-proto-files wanted Node 22; third_party/ vendors its protos)', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const all = { ...manifest.dependencies, ...manifest.devDependencies };
  expect(all['google-proto-files']).toBeUndefined();
  expect(all['@grpc/proto-loader']).toBeUndefined();
});
