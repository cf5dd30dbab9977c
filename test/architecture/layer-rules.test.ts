import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * `npm run lint:layers` must be able to fail: each rule is proved by planting an import it forbids in a
 * copy of the tree (src/, the dependency-cruiser config, tsconfig.json, package.json, node_modules linked)
 * and running the script there. The real tree must pass.
 */
const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);

/** Each planted file, the rule it breaks, and what it imports. */
const PLANTS = [
  {
    rule: 'domain-is-pure',
    file: 'src/domain/shared/planted-generated.ts',
    source: "import { PrismaClient } from '../../gen/prisma/master/client';\nexport type Planted = PrismaClient;\n",
  },
  {
    rule: 'application-knows-ports-only',
    file: 'src/application/shared/planted-generated.ts',
    source: "import { UserServiceServer } from '../../gen/proto/userservice/v1/user_service';\nexport type Planted = UserServiceServer;\n",
  },
  {
    rule: 'application-knows-ports-only',
    file: 'src/application/shared/planted-adapter.ts',
    source: "import { JwtAccessTokens } from '../../infrastructure/crypto/jwt-access-tokens';\nexport type Planted = JwtAccessTokens;\n",
  },
  {
    rule: 'interface-knows-ports-only',
    file: 'src/interface/grpc/planted-adapter.ts',
    source: "import { JwtAccessTokens } from '../../infrastructure/crypto/jwt-access-tokens';\nexport type Planted = JwtAccessTokens;\n",
  },
  {
    rule: 'interface-knows-ports-only',
    file: 'src/interface/grpc/planted-composition-root.ts',
    source: "import { startApp } from '../../app';\nexport const planted = startApp;\n",
  },
  {
    rule: 'adapters-do-not-reach-the-interface',
    file: 'src/infrastructure/planted-interface.ts',
    source: "import { unary } from '../interface/grpc/unary';\nexport const planted = unary;\n",
  },
] as const;

async function lintLayers(cwd: string): Promise<{ failed: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'lint:layers'], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    return { failed: false, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: unknown };
    if (typeof e.code !== 'number') throw error;
    return { failed: true, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

let copy: string;

beforeAll(() => {
  copy = mkdtempSync(path.join(tmpdir(), 'layer-rules-'));
  cpSync(path.join(root, 'src'), path.join(copy, 'src'), { recursive: true });
  for (const file of ['.dependency-cruiser.js', 'tsconfig.json', 'package.json']) cpSync(path.join(root, file), path.join(copy, file));
  symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  for (const plant of PLANTS) writeFileSync(path.join(copy, plant.file), plant.source);
});

afterAll(() => rmSync(copy, { recursive: true, force: true }));

test('the tree as it is passes', async () => {
  const { failed, output } = await lintLayers(root);
  expect(output).toContain('no dependency violations found');
  expect(failed).toBe(false);
});

test('every planted forbidden import fails npm run lint:layers, each under its rule', async () => {
  const { failed, output } = await lintLayers(copy);
  expect(failed).toBe(true);
  for (const plant of PLANTS) {
    // dependency-cruiser's error reporter: "error <rule>: <from> → <to>"
    expect(output).toMatch(new RegExp(`error ${plant.rule}: ${plant.file.replace(/\./g, '\\.')} → `));
  }
  // Nothing else in the copy is reported: the violations are exactly the planted ones.
  expect(output).toContain(`${PLANTS.length} dependency violations`);
});
