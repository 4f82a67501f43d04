import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HitIndex } from '../../lib/classify/text-hits';
import { PhraseSet } from '../../lib/text/phrase-set';
import { firstGroup } from '../text/first-group';

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), minLength: 1, maxLength: 4 });
const table = fc.array(fc.array(word, { minLength: 1, maxLength: 3 }).map((phrases) => ({ phrases })), { minLength: 1, maxLength: 4 });
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'd'), maxLength: 50 });

/** One table alone in its own automaton: what each answer must agree with. */
const alone = (rows: { phrases: string[] }[]) => new PhraseSet(rows.flatMap((r, group) => r.phrases.map((phrase) => ({ group, phrase }))));

/** The phrase that ends first in `s` (the longest of those ending there), by indexOf. */
function naiveEarliest(rows: { phrases: string[] }[], s: string): { index: number; phrase: string } | undefined {
  let best: { index: number; phrase: string } | undefined;
  for (const phrase of rows.flatMap((r) => r.phrases)) {
    const index = s.indexOf(phrase);
    if (index === -1) continue;
    const end = index + phrase.length;
    const bestEnd = best ? best.index + best.phrase.length : Infinity;
    if (end < bestEnd || (end === bestEnd && phrase.length > best!.phrase.length)) best = { index, phrase };
  }
  return best;
}

describe('HitIndex', () => {
  it('answers each table as if it were read alone, in any window of the text', () => {
    fc.assert(
      fc.property(table, table, text, fc.nat(50), fc.nat(50), (t1, t2, s, a, b) => {
        const hits = new HitIndex([t1, t2]).read(s);
        for (const t of [t1, t2]) {
          const want = firstGroup(alone(t), s);
          expect(hits.first(t) && { group: hits.first(t)!.row, phrase: hits.first(t)!.phrase }).toEqual(want);
          const [from, to] = a <= b ? [a, b] : [b, a];
          expect(hits.first(t, from, to)?.row).toBe(firstGroup(alone(t), s.slice(from, to))?.group);
          const early = naiveEarliest(t, s);
          const got = hits.earliest(t);
          expect(got && { index: got.start, phrase: got.phrase }).toEqual(early);
          if (early) expect(hits.firstOccurrence(t, early.phrase)).toBe(s.indexOf(early.phrase));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a table it was not built with', () => {
    const known = [{ phrases: ['x'] }];
    expect(() => new HitIndex([known]).read('x').first([{ phrases: ['x'] }])).toThrow(/not in this index/);
  });
});
