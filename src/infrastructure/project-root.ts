import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder holding package.json: the same answer from src/ (ts-jest) and from dist/src/ (node). */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the project root (package.json) above ' + __dirname);
    dir = parent;
  }
  return dir;
}

/** The descriptor set `npm run generate` builds with `buf build`: served by reflection, read for policies. */
export function descriptorSetPath(): string {
  return path.join(projectRoot(), 'src', 'gen', 'userservice.binpb');
}
