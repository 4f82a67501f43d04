/**
 * Large and pathological inputs. Each must finish with a result or a clear {kind: 'error'};
 * the per-test timeouts only guard against hangs (speed is measured by `npm run bench`).
 */
import { MAX_INPUT_BYTES } from '../../lib';
import { listMessages, readMessage } from '../corpus/corpus';
import { CORPUS, MISSING } from '../corpus/setup';
import { expectFinished, startHarness, type Harness } from './harness';

const MB = 1024 * 1024;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const BOUNCE_HEADERS = [
  'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
  'To: sender@example.org',
  'Subject: Undelivered Mail Returned to Sender',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  '',
].join('\n');

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

describe('large inputs', () => {
  const line = '550-5.1.1 <user@example.com>: The email account that you tried to reach does not exist.\n';

  it('5 MB of repeated 550-5.1.1 lines', async () => {
    expectFinished(await harness.classify(BOUNCE_HEADERS + repeatTo(line, 5 * MB)), '5 MB of 550 lines');
  }, 10_000);

  it('5 MB of repeated 550-5.1.1 lines as webmail text', async () => {
    expectFinished(await harness.classify(repeatTo(line, 5 * MB), { text: true }), '5 MB of 550 lines as text');
  }, 10_000);

  it('a 5 MB body with no line break', async () => {
    expectFinished(await harness.classify(BOUNCE_HEADERS + repeatTo('550 5.1.1 <a@b.example> x ', 5 * MB)), '5 MB on one body line');
  }, 10_000);

  it('a 5 MB header line', async () => {
    expectFinished(await harness.classify(`Subject: ${repeatTo('Undeliverable ', 5 * MB)}\n\nbody\n`), 'a 5 MB header');
  }, 10_000);

  it('5 MB with no line break at all', async () => {
    expectFinished(await harness.classify(new Uint8Array(5 * MB).fill(0x41)), '5 MB of one letter');
  }, 10_000);
});

describe('deep structure', () => {
  it('10,000 nested multiparts', async () => {
    const depth = 10_000;
    const open: string[] = ['From: MAILER-DAEMON@example.org', 'Subject: Delivery failure'];
    for (let i = 0; i < depth; i++) open.push(`Content-Type: multipart/mixed; boundary="b${i}"`, '', `--b${i}`);
    open.push('Content-Type: text/plain', '', '550 5.1.1 <user@example.com> unknown user');
    const close: string[] = [];
    for (let i = depth - 1; i >= 0; i--) close.push(`--b${i}--`);
    expectFinished(await harness.classify([...open, ...close].join('\n')), '10,000 nested multiparts');
  }, 10_000);

  it('10,000 nested attached messages', async () => {
    const header = 'Content-Type: message/rfc822\n\n';
    const input = 'From: MAILER-DAEMON@example.org\nSubject: Returned mail\n' + header.repeat(10_000) + 'Status: 5.1.1\n';
    expectFinished(await harness.classify(input), '10,000 nested message/rfc822 parts');
  }, 10_000);
});

describe('header parsing', () => {
  // A header parser that looks for each line's colon across the whole block reads it once per line.
  const lines = repeatTo('a\n', 5 * MB) + ':x\n';

  it('a 5 MB part of lines without a colon', async () => {
    const input = `${BOUNCE_HEADERS.replace('text/plain; charset=us-ascii', 'multipart/mixed; boundary="B"')}--B\n${lines}--B--\n`;
    expectFinished(await harness.classify(input), 'a part of colon-less lines');
  }, 10_000);

  it('a 5 MB feedback report body without a colon', async () => {
    const input = `From: staff@example.net\nSubject: report\nContent-Type: multipart/report; report-type=feedback-report; boundary="B"\n\n--B\nContent-Type: message/feedback-report\n\n${lines}--B--\n`;
    expectFinished(await harness.classify(input), 'a colon-less feedback report');
  }, 10_000);
});

describe('many recipients', () => {
  const explanation = repeatTo(`${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(30)}\n`, 4 * MB);
  const report = (recipients: string) =>
    `From: MAILER-DAEMON@mx.example.org\nSubject: Undelivered Mail\nContent-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n--B\nContent-Type: text/plain\n\n${explanation}\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n${recipients}--B--\n`;
  const fields = (n: number, address: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => `Final-Recipient: rfc822; ${address(i)}\nAction: failed\nStatus: 5.0.0\n\n`).join('');

  it('1,000 recipients without words of their own, under a 4 MB explanation', async () => {
    const result = expectFinished(await harness.classify(report(fields(1000, (i) => `u${i}@example.com`))), '1,000 recipients over 4 MB');
    expect(result.kind !== 'error' && result.recipients.length).toBe(1000);
  }, 10_000);

  it('the same recipient repeated 5,000 times is one recipient', async () => {
    const result = expectFinished(await harness.classify(report(fields(5000, () => 'kim@example.com'))), 'one recipient 5,000 times');
    expect(result.kind !== 'error' && result.recipients.length).toBe(1);
  }, 10_000);

  it('20,000 recipients: the first 1,000 are read and the rest counted', async () => {
    const input = report(fields(20_000, (i) => `u${i}@example.com`)).replace(explanation, 'Delivery failed.');
    const result = expectFinished(await harness.classify(input), '20,000 recipients');
    if (result.kind === 'error') expect.fail(result.error);
    expect(result.recipients).toHaveLength(1000);
    expect(result.omittedRecipients).toBe(19_000);
  }, 10_000);

  it('past the cap, the failed recipients of a mixed report are read before its deliveries', async () => {
    const blocks = Array.from({ length: 1200 }, (_, i) =>
      i % 2 ? `Final-Recipient: rfc822; dead${i}@example.com\nAction: failed\nStatus: 5.1.1\n\n` : `Final-Recipient: rfc822; ok${i}@example.com\nAction: delivered\nStatus: 2.0.0\n\n`,
    ).join('');
    const result = expectFinished(await harness.classify(report(blocks).replace(explanation, 'Delivery failed for some.')), '1,200 mixed recipients');
    if (result.kind === 'error') expect.fail(result.error);
    expect(result.recipients).toHaveLength(1000);
    expect(result.recipients.filter((v) => v.recipient.startsWith('dead')).length).toBe(600);
    expect(result.omittedRecipients).toBe(200);
    // still in the report's order
    expect(result.recipients.slice(0, 2).map((v) => v.recipient)).toEqual(['ok0@example.com', 'dead1@example.com']);
  }, 10_000);

  // A text that names the same 220 addresses on each of its 2,000 lines once handed every one of
  // them the whole text to read (36 s for 4 MB); lines naming ever new addresses made 200,000.
  const crowd = (Array.from({ length: 220 }, (_, i) => `a${i}@b.example`).join(' ') + ' ').padEnd(1999, 'z') + '\n';

  it('4 MB of lines that each name the same 220 addresses', async () => {
    const input = `${BOUNCE_HEADERS}550 5.1.1 delivery failed\n${repeatTo(crowd, 4 * MB)}`;
    const result = expectFinished(await harness.classify(input), '220 addresses on every line');
    if (result.kind === 'error') expect.fail(result.error);
    expect(result.recipients.length).toBeGreaterThan(0);
    expect(result.recipients.length).toBeLessThanOrEqual(220);
  }, 10_000);

  it('the same as webmail text', async () => {
    expectFinished(await harness.classify(`550 5.1.1 delivery failed\n${repeatTo(crowd, 4 * MB)}`, { text: true }), '220 addresses on every line, as text');
  }, 10_000);

  it('4 MB of lines naming ever new addresses: at most 1,000 are read and the rest counted', async () => {
    let n = 0;
    const line = () => `${Array.from({ length: 120 }, () => `u${++n}@d${n}.example`).join(' ')}\n`;
    const lines: string[] = [];
    for (let size = 0; size < 4 * MB; size += lines[lines.length - 1].length) lines.push(line());
    const result = expectFinished(await harness.classify(`${BOUNCE_HEADERS}550 5.1.1 delivery failed\n${lines.join('')}`), '200,000 different addresses');
    if (result.kind === 'error') expect.fail(result.error);
    expect(result.recipients.length).toBeLessThanOrEqual(1000);
    expect(result.omittedRecipients ?? 0).toBeGreaterThan(10_000);
  }, 10_000);

  it('1,000 recipients whose replies the explanation quotes', async () => {
    const blocks = Array.from({ length: 1000 }, (_, i) => `Final-Recipient: rfc822; u${i}@example.com\nAction: failed\nDiagnostic-Code: x-foo; ${'spdnti'.repeat(165)} ${i}\n\n`).join('');
    const input = report(`${blocks}Final-Recipient: rfc822; last@example.com\nAction: failed\nDiagnostic-Code: smtp; spam dns error timed out\n\n`).replace(explanation, 'Delivery failed: spam, dns error, timed out.');
    const result = expectFinished(await harness.classify(input), '1,000 replies quoted by the explanation');
    expect(result.kind !== 'error' && result.recipients.length).toBe(1000);
  }, 10_000);

  it('400 addresses in X-Failed-Recipients over a 4 MB explanation', async () => {
    const addresses = Array.from({ length: 400 }, (_, i) => `u${i}@example.com`).join(', ');
    const input = `From: MAILER-DAEMON@mx.example.org\nSubject: Undelivered Mail\nX-Failed-Recipients: ${addresses}\n\n${explanation}`;
    const result = expectFinished(await harness.classify(input), '400 failed recipients over 4 MB');
    expect(result.kind !== 'error' && result.recipients.length).toBe(400);
  }, 10_000);
});

describe.skipIf(MISSING)('truncated corpus messages', () => {
  // The largest message of each common layout, cut at every 100th byte.
  const files = MISSING
    ? []
    : ['lhost-postfix', 'lhost-office365', 'lhost-gsuite', 'arf'].map((prefix) => {
        const candidates = listMessages(CORPUS, 'bsd').filter((f) => f.startsWith(prefix));
        return candidates.reduce((a, b) => (readMessage(CORPUS, 'bsd', b).length > readMessage(CORPUS, 'bsd', a).length ? b : a));
      });

  it.each(files)('%s cut at every 100th byte', async (file) => {
    const bytes = readMessage(CORPUS, 'bsd', file);
    for (let at = 0; at <= bytes.length; at += 100) {
      expectFinished(await harness.classify(bytes.subarray(0, at)), `${file} cut at byte ${at}`);
    }
  }, 10_000);
});

describe('size limit', () => {
  it('input over MAX_INPUT_BYTES is refused with a message about its size', async () => {
    const outcome = await harness.classify(new Uint8Array(MAX_INPUT_BYTES + 1).fill(0x61));
    const result = expectFinished(outcome, 'input one byte over the limit');
    expect(result.kind).toBe('error');
    if (result.kind === 'error') {
      expect(result.error).toMatch(/\d/);
      expect(result.error).toMatch(/MB|bytes|size|large/i);
    }
  }, 10_000);

  it('a string over MAX_INPUT_BYTES is refused too', async () => {
    const result = expectFinished(await harness.classify('a'.repeat(MAX_INPUT_BYTES + 1)), 'a string over the limit');
    expect(result.kind).toBe('error');
  }, 10_000);
});
