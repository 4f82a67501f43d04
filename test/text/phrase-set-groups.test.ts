import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PhraseSet } from '../../lib/text/phrase-set';

/** Every pattern its own group, as the knowledge base's provider index uses it. */
const index = (patterns: string[]) => new PhraseSet(patterns.map((phrase, group) => ({ group, phrase })));

describe('PhraseSet.groups', () => {
  it('finds overlapping and nested patterns', () => {
    const patterns = ['he', 'she', 'his', 'hers', 'x'];
    const found = index(patterns).groups('ushers');
    expect([...found].map((i) => patterns[i]).sort()).toEqual(['he', 'hers', 'she']);
    expect(index(patterns).groups('')).toEqual(new Set());
  });

  it('agrees with indexOf on random patterns and texts', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '.', ' '), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 12 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', '.', ' '), maxLength: 80 }), (patterns, text) => {
        const got = index(patterns).groups(text);
        const want = new Set(patterns.flatMap((p, i) => (text.includes(p) ? [i] : [])));
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});
