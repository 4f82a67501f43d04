/**
 * Gmail enforces Trusted Types and every email is hostile: the webmail code never turns a string
 * into markup. This keeps HTML sinks out of all product code: the core, the readers, the content
 * scripts, the panels and the shared components.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DIRS = ['lib', 'components', 'utils', 'entrypoints'];

function walk(dir: string): string[] {
  return readdirSync(resolve(process.cwd(), dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(resolve(process.cwd(), path)).isDirectory() ? walk(path) : [path];
  });
}
const SINKS = ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'dangerouslySetInnerHTML', 'document.write', 'createContextualFragment', 'parseFromString', 'new Function', 'eval('];

const files = DIRS.flatMap(walk).filter((name) => /\.(ts|tsx)$/.test(name));

it('finds the webmail sources', () => {
  expect(files.length).toBeGreaterThan(10);
});

it.each(files)('%s uses no HTML sink', (file) => {
  const source = readFileSync(resolve(process.cwd(), file), 'utf8');
  expect(SINKS.filter((sink) => source.includes(sink))).toEqual([]);
});
