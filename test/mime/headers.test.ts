import { describe, expect, it } from 'vitest';
import { decodeHeaderValue, findHeaderEnd, getHeader, isHeaderLine, parseContentType, parseHeaderLines } from '../../lib/mime/headers';

describe('parseHeaderLines', () => {
  it('unfolds continuation lines and lower-cases names', () => {
    const h = parseHeaderLines('Subject: Undelivered\n  Mail Returned\nX-Failed-Recipients: a@example.com\n');
    expect(h).toEqual([
      { name: 'subject', value: 'Undelivered Mail Returned' },
      { name: 'x-failed-recipients', value: 'a@example.com' },
    ]);
  });

  it('joins unindented parameters of a Content-Type ending in ";"', () => {
    const h = parseHeaderLines('Content-Type: multipart/alternative;\nboundary="b1"\n');
    expect(parseContentType(getHeader(h, 'content-type')).params.boundary).toBe('b1');
  });

  it('skips lines that are not fields', () => {
    expect(parseHeaderLines('not a header\nFrom: x@example.com\n')).toEqual([{ name: 'from', value: 'x@example.com' }]);
  });
});

describe('isHeaderLine', () => {
  it.each([
    ['Final-Recipient: rfc822; a@example.com', true],
    ['X-Postfix-Queue-ID: 1234', true],
    ['From MAILER-DAEMON Fri Feb 13', false],
    [': no name', false],
    ['Hello there: friend', false],
  ])('%s → %s', (line, expected) => expect(isHeaderLine(line)).toBe(expected));
});

describe('parseHeaderLines with a list of wanted fields', () => {
  it('keeps only those fields, with their continuation lines, and skips the others whole', () => {
    const block = 'Received: from a\n\tby b\nSubject: Hello\n  world\nDKIM-Signature: v=1;\n b=xyz\nFrom: a@example.com\n';
    expect(parseHeaderLines(block, new Set(['subject', 'from']))).toEqual([
      { name: 'subject', value: 'Hello world' },
      { name: 'from', value: 'a@example.com' },
    ]);
    expect(parseHeaderLines(block).map((h) => h.name)).toEqual(['received', 'subject', 'dkim-signature', 'from']);
  });
});

describe('parseContentType', () => {
  it('reads quoted parameters with semicolons inside', () => {
    const ct = parseContentType('multipart/report; report-type=delivery-status; boundary="a;b"');
    expect(ct).toEqual({ mime: 'multipart/report', params: { 'report-type': 'delivery-status', boundary: 'a;b' } });
  });
  it('defaults to text/plain', () => expect(parseContentType('').mime).toBe('text/plain'));
  it('reads the type and its parameters when the semicolon between them is missing', () => {
    const ct = parseContentType('text/plain\n   charset="iso-2022-jp"');
    expect(ct.mime).toBe('text/plain');
    expect(ct.params.charset).toBe('iso-2022-jp');
    expect(parseContentType('multipart/mixed boundary="AbC"').params.boundary).toBe('AbC');
  });
});

describe('decodeHeaderValue', () => {
  it('decodes RFC 2047 words', () => expect(decodeHeaderValue('=?UTF-8?B?44Gr44KD44KT44GT?=')).toBe('にゃんこ'));
  it('leaves plain text alone', () => expect(decodeHeaderValue('Returned mail')).toBe('Returned mail'));
});

describe('findHeaderEnd', () => {
  it('finds the blank line', () => expect(findHeaderEnd('A: 1\nB: 2\n\nbody')).toBe(10));
  it('says -1 when there is none', () => expect(findHeaderEnd('A: 1\nB: 2')).toBe(-1));
});
