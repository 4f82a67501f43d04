import { describe, expect, it } from 'vitest';
import { addressesIn, errorTextEnd, findOriginalStart, scanText } from '../../lib/classify/scan-text';

describe('scanText', () => {
  it('gives each failed address the lines that follow it', () => {
    const text = [
      "Hi. This is the qmail-send program at mx.example.net.",
      "I'm afraid I wasn't able to deliver your message to the following addresses.",
      '',
      '<a@example.com>:',
      'Remote host said: 550 5.1.1 no such user',
      '',
      '<b@example.org>:',
      'Remote host said: 552 5.2.2 mailbox full',
      '',
      '--- Below this line is a copy of the message.',
      '',
      'To: c@example.com',
    ].join('\n');
    const scan = scanText(text.slice(0, errorTextEnd(text)), new Set());
    expect(scan.recipients.map((r) => r.address)).toEqual(['a@example.com', 'b@example.org']);
    expect(scan.recipients[1].lines).toContain('Remote host said: 552 5.2.2 mailbox full');
    expect(scan.errorText).not.toContain('c@example.com');
  });

  it('skips excluded, daemon and header-line addresses', () => {
    const scan = scanText('From: x@example.com\nMAILER-DAEMON@example.net says\nsender@example.com failed to reach\n<d@example.com>: 550 unknown', new Set(['sender@example.com']));
    expect(scan.recipients.map((r) => r.address)).toEqual(['d@example.com']);
  });
});

describe('addressesIn', () => {
  it('lower-cases, dedupes and skips addresses inside URLs', () => {
    expect(addressesIn('A@Example.COM, a@example.com and https://x.example/b@example.com')).toEqual(['a@example.com']);
  });
});

describe('addressesIn, other scripts', () => {
  it('keeps internationalised addresses and drops Japanese text glued to one', () => {
    expect(addressesIn('宛先kijitora@example.jp と ünïcode@exämple.de')).toEqual(['kijitora@example.jp', 'ünïcode@exämple.de']);
  });
});

describe('findOriginalStart', () => {
  it('finds the line where the returned message starts', () => {
    const lower = 'failed.\n------ this is a copy of the message, including all the headers. ------\nfrom: x';
    expect(findOriginalStart(lower)).toBe(8);
  });
});
