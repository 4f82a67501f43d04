import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const FIXTURES = join(__dirname, '../fixtures/charset');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

/**
 * Chromium's ISO-2022-JP decoder keeps its state from one decode() call to the next (against the
 * Encoding Standard; Node starts afresh). Node's decoder in streaming mode behaves that way, so
 * this stand-in shows in Node what a shared decoder does in the browser.
 */
class ChromiumLikeDecoder extends TextDecoder {
  override decode(input?: AllowSharedBufferSource, options?: TextDecodeOptions): string {
    return this.encoding === 'iso-2022-jp' ? super.decode(input, { ...options, stream: true }) : super.decode(input, options);
  }
}

const JIS = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** "扱" in ISO-2022-JP with no switch back to ASCII, then a line of ASCII. */
const NO_RESET = JIS('\x1b$B07\nAB');

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

async function freshModules() {
  vi.resetModules();
  return {
    charset: await import('../../lib/mime/charset'),
    headers: await import('../../lib/mime/headers'),
    classify: (await import('../../lib/classify/classify')).classify,
  };
}

describe('ISO-2022-JP, the same in Node and in Chromium', () => {
  for (const [runtime, setUp] of [
    ['Node', () => {}],
    ['a Chromium-like decoder that keeps its state', () => vi.stubGlobal('TextDecoder', ChromiumLikeDecoder)],
  ] as const) {
    it(`decodes every line on its own, and every call afresh, with ${runtime}`, async () => {
      setUp();
      const { charset, headers } = await freshModules();
      expect(charset.decodeBytes(NO_RESET, 'ISO-2022-JP')).toBe('扱\nAB');
      expect(charset.decodeBytes(JIS('AB'), 'iso-2022-jp')).toBe('AB');
      // Header words: alone, two adjacent ones (each stands alone), and mixed with UTF-8.
      expect(headers.decodeHeaderValue('=?ISO-2022-JP?B?GyRCJUslYyE8JXMbKEI=?=')).toBe('ニャーン');
      expect(headers.decodeHeaderValue('Re: =?iso-2022-jp?B?GyRCJUslYyE8GyhC?= =?iso-2022-jp?B?GyRCJXMbKEI=?= (test)')).toBe('Re: ニャーン (test)');
      expect(headers.decodeHeaderValue('=?utf-8?Q?caf=C3=A9_au_lait?= =?iso-2022-jp?B?GyRCJUslYyE8JXMbKEI=?=')).toBe('café au laitニャーン');
    });

    it(`gives a report the same verdict after a message cut off in Japanese, with ${runtime}`, async () => {
      setUp();
      const { classify } = await freshModules();
      const alone = await classify(fixture('iso-2022-jp-dsn.eml'));
      await classify(fixture('truncated-iso-2022-jp.eml'));
      const after = await classify(fixture('iso-2022-jp-dsn.eml'));
      expect(after).toEqual(alone);
      expect(after.kind === 'bounce' && after.recipients.map((r) => [r.recipient, r.status, r.reason, r.diagnostic])).toEqual([
        ['taro@example.jp', '5.1.1', 'userunknown', '550 5.1.1 この宛先は存在しません'],
      ]);
      // An HTML-only notice in ISO-2022-JP (decoded before postal-mime sees it).
      const html = `From: MAILER-DAEMON@mail.example.jp\nTo: sender@example.com\nSubject: Returned mail\nContent-Type: text/html; charset=ISO-2022-JP\n\n<p>taro@example.jp: 550 5.1.1 \x1b$B$3$N08@h$OB8:_$7$^$;$s\x1b(B</p>\n`;
      await classify(fixture('truncated-iso-2022-jp.eml'));
      const fromHtml = await classify(JIS(html));
      expect(fromHtml.kind === 'bounce' && fromHtml.recipients.map((r) => [r.recipient, r.reason, r.diagnostic])).toEqual([
        ['taro@example.jp', 'userunknown', 'taro@example.jp: 550 5.1.1 この宛先は存在しません'],
      ]);
      // A Japanese line that never switches back to ASCII does not swallow the next recipient.
      const noReset = await classify(fixture('iso-2022-jp-no-reset.eml'));
      expect(noReset.kind === 'bounce' && noReset.recipients.map((r) => [r.recipient, r.reason])).toEqual([
        ['taro@example.jp', 'userunknown'],
        ['hanako@example.jp', 'mailboxfull'],
      ]);
    });
  }
});

describe('windows-1252, as browsers read it', () => {
  it('gives bytes 0x80 to 0x9F their windows-1252 characters in text declared iso-8859-1, latin1 or windows-1252', async () => {
    const { charset } = await freshModules();
    for (const label of ['iso-8859-1', 'latin1', 'windows-1252', 'ISO-8859-1']) {
      expect(charset.decodeBytes(Uint8Array.of(0x80, 0x20, 0x93, 0x71, 0x94, 0x81, 0xe9), label)).toBe('€ “q”\u0081é');
    }
  });
});
