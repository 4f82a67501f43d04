import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeQuotedPrintable } from '../../lib/mime/transfer';

const bytes = (s: string) => Array.from(Buffer.from(s, 'latin1'));

describe('decodeBase64', () => {
  it('agrees with Node on any bytes, folded into 76-char lines', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const b64 = Buffer.from(data).toString('base64').replace(/.{76}/g, '$&\r\n');
        expect(Array.from(decodeBase64(b64))).toEqual(Array.from(data));
      }),
      { numRuns: 300 },
    );
  });

  it('skips stray characters and stops at padding', () => {
    expect(Buffer.from(decodeBase64('SGVs bG8*\n=garbage')).toString()).toBe('Hello');
  });
});

describe('decodeQuotedPrintable', () => {
  it('decodes escapes and soft line breaks', () => {
    expect(Array.from(decodeQuotedPrintable('Empf=C3=A4nger=\nunbekannt=3D=\r\nx'))).toEqual(bytes('Empf\xc3\xa4ngerunbekannt=x'));
  });

  it('keeps a malformed escape as it stands', () => {
    expect(Buffer.from(decodeQuotedPrintable('100% =ZZ off =')).toString('latin1')).toBe('100% =ZZ off =');
  });

  it('keeps text that is already text', () => {
    expect(new TextDecoder().decode(decodeQuotedPrintable('ユーザー=20x'))).toBe('ユーザー x');
  });
});

describe('decodeQuotedPrintable on text that is not bytes', () => {
  it('keeps a character outside the BMP (a surrogate pair) whole', () => {
    expect(new TextDecoder().decode(decodeQuotedPrintable('ok =F0=9F=99=82 and 🙂 too'))).toBe('ok 🙂 and 🙂 too');
  });

  it('writes any text as TextEncoder would, a lone surrogate as U+FFFD', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }).map((t) => t.replaceAll('=', '')), (text) => {
        // Characters under 256 stand for bytes; everything else is text, kept as UTF-8.
        const expected = Array.from(text).flatMap((ch) => (ch.length === 1 && ch.charCodeAt(0) < 256 ? [ch.charCodeAt(0)] : Array.from(encoder.encode(ch))));
        expect(Array.from(decodeQuotedPrintable(text))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    expect(Array.from(decodeQuotedPrintable('a\ud800b'))).toEqual([0x61, 0xef, 0xbf, 0xbd, 0x62]);
  });
});
