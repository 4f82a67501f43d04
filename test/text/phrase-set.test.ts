import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { literalAlternation, PhraseSet, phraseFinder } from '../../lib/text/phrase-set';
import { firstGroup } from './first-group';

/** What PhraseSet must agree with: the lowest group having any phrase in the text. */
function naiveFirstGroup(groups: string[][], text: string): number | undefined {
  const g = groups.findIndex((phrases) => phrases.some((p) => p && text.includes(p)));
  return g === -1 ? undefined : g;
}

describe('PhraseSet', () => {
  it('finds the lowest group, whatever the text order', () => {
    const set = new PhraseSet([
      { group: 0, phrase: 'spamhaus' },
      { group: 1, phrase: 'spam' },
      { group: 2, phrase: 'user unknown' },
    ]);
    expect(firstGroup(set, '550 user unknown; also spam')).toEqual({ group: 1, phrase: 'spam' });
    expect(firstGroup(set, 'listed at spamhaus')).toEqual({ group: 0, phrase: 'spamhaus' });
    expect(firstGroup(set, 'all fine')).toBeUndefined();
  });

  it('finds phrases that overlap or sit inside others', () => {
    const set = new PhraseSet([
      { group: 1, phrase: 'abcd' },
      { group: 0, phrase: 'bc' },
    ]);
    expect(firstGroup(set, 'xabcdx')?.group).toBe(0);
  });

  it('handles non-Latin phrases', () => {
    const set = new PhraseSet([{ group: 0, phrase: 'ディレクトリには見つかりません' }]);
    expect(firstGroup(set, 'ユーザー は Domino ディレクトリには見つかりません。')?.group).toBe(0);
  });

  it('phraseFinder: the phrase that occurs first in the text', () => {
    expect(phraseFinder(['will retry', 'delayed'])('delivery delayed; we will retry')).toBe('delayed');
    expect(phraseFinder(['a'])('')).toBeUndefined();
    // phrases are plain text, never patterns
    expect(phraseFinder(['a.b', '(x)', '[mail_from]'])('axb (x) [mail_from]')).toBe('(x)');
    expect(phraseFinder([])('anything')).toBeUndefined();
    expect(literalAlternation(['copy of the message'], 'i').exec('A COPY OF THE MESSAGE')?.[0]).toBe('COPY OF THE MESSAGE');
  });

  it('agrees with a naive scan on random phrase tables and texts', () => {
    // Non-ASCII letters too: they take their own columns in the automaton.
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é', '見'), minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(fc.array(word, { maxLength: 4 }), { maxLength: 6 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'd', 'é', '見', 'ß'), maxLength: 60 }), (groups, text) => {
        const set = new PhraseSet(groups.flatMap((phrases, group) => phrases.map((phrase) => ({ group, phrase }))));
        expect(firstGroup(set, text)?.group).toBe(naiveFirstGroup(groups, text));
      }),
      { numRuns: 500 },
    );
  });
});
