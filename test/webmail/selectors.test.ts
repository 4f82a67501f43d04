// @vitest-environment happy-dom
/**
 * Every selector list is paired with `<name>_`: rows of [expected matches, fixture] and, for a
 * page kept from older markup, the alternative that finds them (`Expectations` in
 * lib/webmail/query.ts). This loops over the exports, so a selector added without expectations
 * fails here. Two checks per page: what the whole list finds (its first matching alternative, as
 * the readers see it), and that the alternative the row is noted for finds it: the first
 * (preferred) one unless the row names another, so a first choice that stops matching fails
 * here even while a fallback below it still finds the page's elements.
 */
import * as gmail from '../../lib/webmail/gmail-selectors';
import * as outlook from '../../lib/webmail/outlook-selectors';
import { selectAll, type Expectations } from '../../lib/webmail/query';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadFixture } from './dom-fixture';
import { countAlternatives } from './selector-report';

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
  expect(undated, `${file}: each selector alternative needs a comment on the line just above it with a dated re-check note, "TODO [YYYY-MM-DD]" (lib/webmail/README.md)`).toEqual([]);
});

/** What each alternative of a list finds in a page, for failure messages. */
function found(selector: readonly string[], counts: readonly number[]): string {
  return selector.map((alternative, i) => `'${alternative}' finds ${counts[i] < 0 ? 'an error' : counts[i]}`).join(', ');
}

for (const [host, mod] of Object.entries({ gmail, outlook }) as [string, Record<string, unknown>][]) {
  const file = `lib/webmail/${host}-selectors.ts`;
  describe(`${host} selectors`, () => {
    const names = Object.keys(mod).filter((name) => !name.endsWith('_'));
    it('has expectations for every selector', () => {
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(mod[`${name}_`], `${file}: ${name} has no ${name}_`).toBeInstanceOf(Array);
    });
    for (const name of names) {
      const selector = mod[name] as readonly string[];
      const expectations = (mod[`${name}_`] ?? []) as Expectations;
      it(`${name}: every alternative is valid CSS`, () => {
        for (const alternative of selector) expect(() => document.querySelector(alternative), `${file} ${name}: '${alternative}'`).not.toThrow();
      });
      it(`${name}: its first choice is noted for at least one saved page`, () => {
        const noted = expectations.filter(([count, , matchedBy]) => count > 0 && (matchedBy ?? selector[0]) === selector[0]);
        expect(noted.map(([, fixture]) => fixture), `${file} ${name}_: no row where '${selector[0]}' finds something`).not.toEqual([]);
      });
      for (const [count, fixture, matchedBy] of expectations) {
        it(`${name} matches ${count} in ${fixture}`, () => {
          const doc = loadFixture(fixture);
          const counts = countAlternatives({ [name]: selector }, doc)[name];
          expect(selectAll(doc, selector), `${file} ${name} in ${fixture}: ${found(selector, counts)}`).toHaveLength(count);
        });
        if (count === 0) continue;
        const alternative = matchedBy ?? selector[0];
        it(`${name}: ${matchedBy === undefined ? 'its first choice' : `'${matchedBy}'`} finds them in ${fixture}`, () => {
          const index = selector.indexOf(alternative);
          expect(index, `${file} ${name}_ names '${alternative}' for ${fixture}, which is not one of ${name}'s alternatives`).toBeGreaterThanOrEqual(0);
          const counts = countAlternatives({ [name]: selector }, loadFixture(fixture))[name];
          const fallback = counts.findIndex((n) => n > 0);
          const advice =
            index === 0
              ? `${file} ${name}: its first choice '${alternative}' finds ${counts[0]} in ${fixture}, not ${count}` +
                (fallback > 0 ? `, though '${selector[fallback]}' below it finds ${counts[fallback]}` : '') +
                `. If the page now shows new markup, put a selector for it first (lib/webmail/README.md);` +
                ` if the page was kept from older markup on purpose, name the alternative that finds its elements as the third element of its row in ${name}_`
              : `${file} ${name}: '${alternative}' finds ${counts[index]} in ${fixture}, not ${count} (${found(selector, counts)})`;
          expect(counts[index], advice).toBe(count);
          expect(counts.slice(0, index), `${file} ${name} in ${fixture}: alternatives above '${alternative}' find something (${found(selector, counts)}), so the row should name one of them`).toEqual(counts.slice(0, index).map(() => 0));
        });
      }
    }
  });
}
