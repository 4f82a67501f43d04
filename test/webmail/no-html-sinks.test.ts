/**
 * Gmail enforces Trusted Types and every email is hostile: the webmail code never turns a string
 * into markup. This keeps HTML sinks out of the readers, the content scripts and the panel.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DIRS = ['lib/webmail', 'entrypoints/gmail.content', 'entrypoints/outlook.content'];
const SINKS = ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'dangerouslySetInnerHTML', 'document.write', 'createContextualFragment', 'parseFromString', 'new Function', 'eval('];

const files = DIRS.flatMap((dir) =>
  readdirSync(resolve(process.cwd(), dir))
    .filter((name) => /\.(ts|tsx)$/.test(name))
    .map((name) => join(dir, name)),
);

it('finds the webmail sources', () => {
  expect(files.length).toBeGreaterThan(10);
});

it.each(files)('%s uses no HTML sink', (file) => {
  const source = readFileSync(resolve(process.cwd(), file), 'utf8');
  expect(SINKS.filter((sink) => source.includes(sink))).toEqual([]);
});
