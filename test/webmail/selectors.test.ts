// @vitest-environment happy-dom
/**
 * Every selector list is paired with `<name>_`: [expected matches, fixture]. This loops over the
 * exports, so a selector added without expectations fails here.
 */
import * as gmail from '../../lib/webmail/gmail-selectors';
import * as outlook from '../../lib/webmail/outlook-selectors';
import { selectAll } from '../../lib/webmail/query';
import { loadFixture } from './dom-fixture';

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
