// @vitest-environment happy-dom
/**
 * Every selector list is paired with `<name>_`: [expected matches, fixture]. This loops over the
 * exports, so a selector added without expectations fails here.
 */
import * as gmail from '../../lib/webmail/gmail-selectors';
import * as outlook from '../../lib/webmail/outlook-selectors';
import { selectAll } from '../../lib/webmail/query';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadFixture } from './dom-fixture';

/** Each alternative sits under its own comment carrying a dated re-check note. */
function alternativeLines(file: string): { all: string[]; undated: string[] } {
  const lines = readFileSync(resolve(process.cwd(), file), 'utf8').split('\n');
  const isAlternative = (line: string) => /^\s+'.*',$/.test(line);
  const dated = (i: number) => /TODO \[\d{4}-\d{2}-\d{2}\]/.test(lines[i - 1] ?? '');
  return { all: lines.filter(isAlternative), undated: lines.filter((line, i) => isAlternative(line) && !dated(i)) };
}

it.each(['lib/webmail/gmail-selectors.ts', 'lib/webmail/outlook-selectors.ts'])('%s: every alternative has a dated note', (file) => {
  const { all, undated } = alternativeLines(file);
  expect(all.length).toBeGreaterThan(10);
  expect(undated).toEqual([]);
});

for (const [host, mod] of Object.entries({ gmail, outlook }) as [string, Record<string, unknown>][]) {
  describe(`${host} selectors`, () => {
    const names = Object.keys(mod).filter((name) => !name.endsWith('_'));
    it('has expectations for every selector', () => {
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(mod[`${name}_`], `${name}_`).toBeInstanceOf(Array);
    });
    for (const name of names) {
      const selector = mod[name] as readonly string[];
      const expectations = (mod[`${name}_`] ?? []) as ReadonlyArray<readonly [number, string]>;
      it(`${name}: every alternative is valid CSS`, () => {
        for (const alternative of selector) expect(() => document.querySelector(alternative)).not.toThrow();
      });
      for (const [count, fixture] of expectations) {
        it(`${name} matches ${count} in ${fixture}`, () => {
          expect(selectAll(loadFixture(fixture), selector)).toHaveLength(count);
        });
      }
    }
  });
}
