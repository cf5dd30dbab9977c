import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ERROR_REASONS } from '../../../src/domain/shared/error-reasons';

/** README's "Errors" section: its table rows as reason → code. */
function readmeReasons(): Map<string, string> {
  const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  const start = readme.indexOf('\n### Errors\n');
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const rows = new Map<string, string>();
  for (const match of section.matchAll(/^\| `([A-Z_]+)` \| `([A-Z_]+)` \| .+ \|$/gm)) {
    expect(rows.has(match[1])).toBe(false); // each reason once
    rows.set(match[1], match[2]);
  }
  return rows;
}

test("README's error section lists every catalogued reason with its one code, and no other", () => {
  const catalog = new Map(Object.entries(ERROR_REASONS).map(([reason, entry]) => [reason, entry.code as string]));
  expect(Object.fromEntries(readmeReasons())).toEqual(Object.fromEntries(catalog));
});
