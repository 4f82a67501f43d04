import { describe, expect, it } from 'vitest';
import { mixedScripts } from '../../lib/text/look-alike';

describe('mixedScripts', () => {
  it('names the alphabets mixed within one name of an address', () => {
    expect(mixedScripts('billing@p\u0430ypal.com')).toEqual(['Latin', 'Cyrillic']); // Cyrillic а in the domain
    expect(mixedScripts('\u0430dmin@example.com')).toEqual(['Latin', 'Cyrillic']); // in the local part
    expect(mixedScripts('kim@ex\u03b1mple.org')).toEqual(['Latin', 'Greek']);
  });

  it('finds none in an address that keeps each name to one alphabet', () => {
    for (const a of ['kim@example.com', 'почта@пример.рф', 'kim@пример.рф', 'δοκιμή@παράδειγμα.δοκιμή', 'müller@bücher.example', '山田taro@example.jp', ''])
      expect(mixedScripts(a), a).toEqual([]);
  });
});
