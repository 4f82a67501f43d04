import { describe, expect, it } from 'vitest';
import { decodePartText } from '../../lib/mime/decode';
import { normaliseInput } from '../../lib/mime/input';
import { MAX_DEPTH, parseMessage, splitMultipart, type MimePart } from '../../lib/mime/parts';

/** Depth-first list of all parts, the message itself first. */
function flatten(root: MimePart): MimePart[] {
  return [root, ...root.children.flatMap(flatten)];
}

const REPORT = [
  'From: MAILER-DAEMON@example.net',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
  '',
  'preamble',
  '--B',
  'Content-Type: text/plain',
  '',
  'It failed.',
  '--B',
  'Content-Type: message/delivery-status',
  '',
  'Final-Recipient: rfc822; a@example.com',
  '--B',
  'Content-Type: message/rfc822',
  '',
  'Subject: hello',
  '',
  'body',
  '--B--',
  'epilogue',
].join('\n');

describe('parseMessage', () => {
  it('finds the parts of a report and the headers of the returned message', () => {
    const root = parseMessage(REPORT);
    expect(root.contentType.mime).toBe('multipart/report');
    expect(root.children.map((c) => c.contentType.mime)).toEqual(['text/plain', 'message/delivery-status', 'message/rfc822']);
    expect(root.children[0].body).toBe('It failed.');
    expect(root.children[2].children[0].headers).toEqual([{ name: 'subject', value: 'hello' }]);
  });

  it('stops at MAX_DEPTH on deeply nested multiparts', () => {
    let msg = 'x';
    for (let i = 0; i < 200; i++) msg = `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n${msg}\n--b${i}--`;
    const all = flatten(parseMessage(msg));
    expect(Math.max(...all.map((p) => p.depth))).toBe(MAX_DEPTH);
  });

  it('ends the last part at the end of input when the closing boundary is missing', () => {
    expect(splitMultipart('--B\n\none\n--B\n\ntwo', 'B')).toEqual(['\none', '\ntwo']);
  });
});

describe('decodePartText', () => {
  it('decodes base64 text in its charset', async () => {
    const body = Buffer.from('Échec de remise', 'latin1').toString('base64');
    const root = parseMessage(`Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: base64\n\n${body}`);
    expect(await decodePartText(root, false)).toBe('Échec de remise');
  });

  it('decodes quoted-printable UTF-8 from bytes', async () => {
    const raw = new TextEncoder().encode('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nUnzustellbar: Empf=C3=A4nger unbekannt');
    const { text, binary } = normaliseInput(raw);
    expect((await decodePartText(parseMessage(text), binary)).trimEnd()).toBe('Unzustellbar: Empfänger unbekannt');
  });

  it('decodes ISO-2022-JP', async () => {
    const jis = '\x1b$B%f!<%6!<\x1b(B';
    const root = parseMessage(`Content-Type: text/plain; charset=ISO-2022-JP\n\n${jis}`);
    expect((await decodePartText(root, true)).trimEnd()).toBe('ユーザー');
  });
});

describe('normaliseInput', () => {
  it('turns CRLF and bare CR into LF', () => {
    expect(normaliseInput('a\r\nb\rc\n').text).toBe('a\nb\nc\n');
  });
  it('reads bytes one char per byte', () => {
    const n = normaliseInput(new Uint8Array([0xc3, 0xa4]));
    expect(n).toEqual({ text: '\u00c3\u00a4', binary: true });
  });
});
