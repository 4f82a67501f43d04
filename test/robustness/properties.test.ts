/**
 * Property-based robustness: whatever the input, classify() finishes with a result of the
 * documented shape or a clear {kind: 'error', error}; it never throws and never hangs.
 * Runs are bounded so the file stays well under 20 s; fast-check prints a seed and the
 * shrunk counterexample on failure.
 */
import fc from 'fast-check';
import { listMessages, readMessage } from '../corpus/corpus';
import { CORPUS, MISSING } from '../corpus/setup';
import { expectFinished, startHarness, type Harness } from './harness';
import { applyMutations, mutation } from './mutate';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const options = fc.constantFrom(undefined, { text: true }, { text: true, subject: 'Undeliverable: hello', from: 'postmaster@example.com' });

/** Lines that look like parts of bounces, so random input reaches the parser's deeper paths. */
const bounceLine = fc.oneof(
  fc.constantFrom(
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    'Content-Type: message/delivery-status',
    'Content-Type: message/rfc822',
    'Content-Type: message/feedback-report',
    'Content-Type: multipart/alternative; boundary=b2',
    'Content-Transfer-Encoding: base64',
    'Content-Transfer-Encoding: quoted-printable',
    '--b1', '--b1--', '--b2', '--b2--', '',
    'From: MAILER-DAEMON@example.org',
    'Subject: Undelivered Mail Returned to Sender',
    'Subject: Delivery Status Notification (Failure)',
    'Auto-Submitted: auto-replied',
    'Reporting-MTA: dns; mx.example.org',
    'Final-Recipient: rfc822; user@example.com',
    'Original-Recipient: rfc822;',
    'Action: failed', 'Action: delayed', 'Status: 5.1.1', 'Status: 4.', 'Status: 5.7.26 (policy)',
    'Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist.',
    'Diagnostic-Code: smtp;',
    'Feedback-Type: abuse',
    '<user@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <user@example.com>: Recipient address rejected',
    'Remote Server returned \'550 5.1.10 RESOLVER.ADR.RecipientNotFound\'',
    '550 550 550 5.5.5.5.5 <<<<>>>> ((((',
    '=?UTF-8?B?5L2g5aW9?= =?ISO-2022-JP?B?GyRC?=',
    ' folded continuation line',
  ),
  fc.string({ maxLength: 120 }),
);

describe('random input', () => {
  it('random strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 3000 }), options, async (input, opts) => {
        expectFinished(await harness.classify(input, opts), 'a random string');
      }),
      { numRuns: 300 },
    );
  }, 20_000);

  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 6000 }), options, async (input, opts) => {
        expectFinished(await harness.classify(input, opts), 'random bytes');
      }),
      { numRuns: 300 },
    );
  }, 20_000);

  it('random arrangements of bounce-like lines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(bounceLine, { maxLength: 120 }), fc.constantFrom('\n', '\r\n', '\r'), options, async (lines, eol, opts) => {
        expectFinished(await harness.classify(lines.join(eol), opts), 'bounce-like lines');
      }),
      // Counterexamples found earlier are always tried first.
      { numRuns: 300, examples: [[['', 'Original-Recipient: rfc822;', 'Status: 4.'], '\n', undefined]] },
    );
  }, 20_000);

  it('empty and odd input forms', async () => {
    for (const input of ['', new Uint8Array(0), new ArrayBuffer(16), '\0\0\0', '\r\n\r\n', '\uFEFF']) {
      expectFinished(await harness.classify(input), JSON.stringify(String(input)));
      expectFinished(await harness.classify(input, { text: true }), `${JSON.stringify(String(input))} as text`);
    }
  });
});

describe.skipIf(MISSING)('mutated corpus messages', () => {
  const files = MISSING ? [] : listMessages(CORPUS, 'bsd');
  const messages = new Map(files.map((f) => [f, readMessage(CORPUS, 'bsd', f)]));

  it('byte flips, truncations, duplicated and removed lines, random boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...files), fc.array(mutation, { minLength: 1, maxLength: 8 }), options, async (file, mutations, opts) => {
        const input = applyMutations(messages.get(file)!, mutations);
        expectFinished(await harness.classify(input, opts), `${file} after ${JSON.stringify(mutations)}`);
      }),
      {
        numRuns: 400,
        // Counterexamples found earlier are always tried first.
        examples: files.includes('lhost-amazonses-19.eml')
          ? [['lhost-amazonses-19.eml', [{ op: 'truncate', at: 1693620011 }, { op: 'flip', at: 1684393272, byte: 214 }], undefined]]
          : [],
      },
    );
  }, 20_000);
});
