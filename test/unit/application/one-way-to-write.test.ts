// Handlers write through the unit of work only: none invalidates a cache, wakes the relay, touches the
// outbox or builds an event itself. (A grep: the unit of work is the one place that does these.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../src/application');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const useCases = files(root).filter((f) => /\.(handler|sweeper)\.ts$|tenant-provisioning\.ts$|tenant-schema-gate\.ts$/.test(f) || f.includes(`${path.sep}commands${path.sep}`));

test('there are handlers to check', () => {
  expect(useCases.length).toBeGreaterThan(10);
});

test.each(useCases.map((f) => [path.relative(root, f), f]))('%s writes only through the unit of work', (_name, file) => {
  const source = readFileSync(file, 'utf8');
  expect(source).not.toMatch(/\.invalidate\(/);
  expect(source).not.toMatch(/\.committed\(|\.wake\(|outbox/i);
  // Events are recorded by entities, never built by a handler.
  expect(source).not.toMatch(/type:\s*'(User|Tenant|Password|Session)\w*'/);
  expect(source).not.toMatch(/DomainEvent\b/);
});
