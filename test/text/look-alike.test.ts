import { describe, expect, it } from 'vitest';
import { lookAlike } from '../../lib/text/look-alike';

describe('lookAlike', () => {
  it('says which alphabets an address mixes within one name', () => {
    expect(lookAlike('billing@p\u0430ypal.com')).toBe('mixes Latin and Cyrillic letters'); // a Cyrillic а in the domain
    expect(lookAlike('\u0430dmin@example.com')).toBe('mixes Latin and Cyrillic letters'); // in the local part
    expect(lookAlike('kim@ex\u03b1mple.org')).toBe('mixes Latin and Greek letters');
  });

  it('reads a domain in its ASCII form as the letters it stands for', () => {
    expect(lookAlike('billing@xn--pypal-4ve.com')).toBe('mixes Latin and Cyrillic letters (it reads "billing@p\u0430ypal.com")');
    // wholly in Cyrillic letters drawn like Latin ones, under ".com": аррӏе.com
    expect(lookAlike('support@xn--80ak6aa92e.com')).toBe('is written in Cyrillic letters that look like Latin ones (it reads "support@\u0430\u0440\u0440\u04cf\u0435.com")');
  });

  it('finds nothing amiss in an address that keeps to one alphabet where it belongs', () => {
    for (const a of ['kim@example.com', 'почта@пример.рф', 'kim@xn--e1afmkfd.xn--p1ai', 'δοκιμή@παράδειγμα.δοκιμή', 'müller@bücher.example', 'kim@xn--bcher-kva.example', '山田taro@example.jp', 'kim@xn--invalid-!.com', ''])
      expect(lookAlike(a), a).toBe('');
  });
});
