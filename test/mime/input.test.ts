import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * Browsers decode the 'latin1' label as windows-1252 (the Encoding Standard), Node as true
 * ISO-8859-1. These are windows-1252's 27 characters for bytes 0x80 to 0x9F; the other five
 * bytes of that range stay themselves.
 */
const WINDOWS_1252_C1: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6, 0x89: 0x2030,
  0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022,
  0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

/** A TextDecoder that reads 'latin1' the way browsers do. */
class BrowserLikeDecoder extends TextDecoder {
  private readonly browserLatin1: boolean;
  constructor(label = 'utf-8', options?: TextDecoderOptions) {
    super(label, options);
    this.browserLatin1 = label.toLowerCase() === 'latin1';
  }
  override decode(input?: AllowSharedBufferSource, options?: TextDecodeOptions): string {
    const s = super.decode(input, options);
    if (!this.browserLatin1) return s;
    let out = '';
    for (let i = 0; i < s.length; i++) out += String.fromCharCode(WINDOWS_1252_C1[s.charCodeAt(i)] ?? s.charCodeAt(i));
    return out;
  }
}

/** Every byte value, then a UTF-8 text whose continuation bytes fall in 0x80 to 0x9F. */
const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);
const SAMPLE = '550 5.1.1 l’adresse n’existe pas — 宛先不明…';

async function freshInput() {
  vi.resetModules();
  return import('../../lib/mime/input');
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('bytes in, one char per byte out', () => {
  for (const [platform, setUp] of [
    ['Node', () => {}],
    ['a browser (windows-1252 for latin1)', () => vi.stubGlobal('TextDecoder', BrowserLikeDecoder)],
  ] as const) {
    it(`keeps every byte, 0x80 to 0x9F included, in ${platform}`, async () => {
      setUp();
      const { bytesToBinary, binaryToBytes, normaliseInput } = await freshInput();
      const binary = bytesToBinary(ALL_BYTES);
      expect([...binary].map((c) => c.charCodeAt(0))).toEqual([...ALL_BYTES]);
      expect(binaryToBytes(binary)).toEqual(ALL_BYTES);
      const utf8 = new TextEncoder().encode(SAMPLE);
      expect(new TextDecoder().decode(binaryToBytes(normaliseInput(utf8).text))).toBe(SAMPLE);
    });
  }

  it('classifies an 8-bit UTF-8 bounce given as bytes the same in a browser as in Node', async () => {
    const raw = `From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n<dead@example.fr>: host mx.example.fr said: ${SAMPLE}\n`;
    const bytes = new TextEncoder().encode(raw);
    const inNode = await (await import('../../lib/classify/classify')).classify(bytes);
    vi.stubGlobal('TextDecoder', BrowserLikeDecoder);
    vi.resetModules();
    const inBrowser = await (await import('../../lib/classify/classify')).classify(bytes);
    expect(inBrowser).toEqual(inNode);
    expect(inBrowser.kind === 'bounce' && inBrowser.recipients[0].diagnostic).toContain('l’adresse n’existe pas — 宛先不明…');
  });
});

describe('line ends', () => {
  it('reads LF, CRLF, bare CR, and CRLF converted again ("\\r\\r\\n") as the same lines', async () => {
    const { normaliseInput } = await import('../../lib/mime/input');
    const lines = 'Subject: x\n\n550-5.7.26 first\n550 5.7.26 second\n';
    for (const end of ['\r\n', '\r', '\r\r\n', '\r\r\r\n']) {
      expect(normaliseInput(lines.replace(/\n/g, end)).text, JSON.stringify(end)).toBe(lines);
    }
    // a blank line written with bare CRs stays a blank line
    expect(normaliseInput('a\r\rb').text).toBe('a\n\nb');
  });
});
