import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextIndex } from '../../lib/knowledge/text-index';

describe('TextIndex', () => {
  it('finds overlapping and nested patterns', () => {
    const patterns = ['he', 'she', 'his', 'hers', 'x'];
    const found = new TextIndex(patterns).find('ushers');
    expect([...found].map((i) => patterns[i]).sort()).toEqual(['he', 'hers', 'she']);
    expect(new TextIndex(patterns).find('')).toEqual(new Set());
  });

  it('agrees with indexOf on random patterns and texts', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '.', ' '), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 12 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', '.', ' '), maxLength: 80 }), (patterns, text) => {
        const got = new TextIndex(patterns).find(text);
        const want = new Set(patterns.flatMap((p, i) => (text.includes(p) ? [i] : [])));
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});
