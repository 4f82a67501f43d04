/** The CLI's small modules, in process. */
import { Readable } from 'node:stream';
import type { Classification, RecipientVerdict } from '../../lib';
import { parseArgs, UsageError } from '../../cli/args';
import { advise, lookup } from '../../cli/knowledge';
import { formatReasons, formatReport, formatSummary, clean } from '../../cli/report';
import { formatExplanation } from '../../cli/explain';
import { toJsonlRecord } from '../../cli/jsonl';
import { mapOrdered } from '../../cli/pool';
import { progressBar } from '../../cli/progress';
import { makeStyle, useColour } from '../../cli/style';
import { splitMbox } from '../../lib/mime/mbox';
import { isMessageName } from '../../cli/walk';
import { expectRecord } from './shape';

const plain = makeStyle(false);

function verdict(overrides: Partial<RecipientVerdict> = {}): RecipientVerdict {
  return {
    recipient: 'kijitora@example.jp', action: 'failed', status: '5.1.1', reply: '550', remoteMta: 'mx.example.jp',
    diagnostic: '550 5.1.1 user unknown', reason: 'userunknown', permanent: true, hard: true, provider: '',
    providerTokens: [], feedback: '', basis: 'status 5.1.1', statusImplied: false, evidence: [], ...overrides,
  };
}

function classification(recipients: RecipientVerdict[]): Classification {
  return {
    kind: 'bounce', reportingMta: 'mx.example.org', provider: '', subject: 'Undelivered', from: 'MAILER-DAEMON',
    original: { subject: 'Hello', messageId: '<1@example.org>', from: 'a@example.org', to: 'kijitora@example.jp', date: '' },
    recipients,
  };
}

describe('parseArgs', () => {
  it('reads inspect flags and inputs', () => {
    expect(parseArgs(['--jsonl', 'a.eml', '-', 'dir'])).toEqual({ name: 'inspect', inputs: ['a.eml', '-', 'dir'], jsonl: true, text: false, suppressList: false });
    expect(parseArgs(['--suppress-list', 'dir'])).toMatchObject({ suppressList: true, jsonl: false });
    expect(parseArgs(['--text', 'x'])).toMatchObject({ text: true, jsonl: false });
    expect(parseArgs(['--', '--odd-name.eml'])).toMatchObject({ inputs: ['--odd-name.eml'] });
    // after '--', even --help and -V are file names
    expect(parseArgs(['--jsonl', '--', '--help', '-V'])).toMatchObject({ name: 'inspect', inputs: ['--help', '-V'] });
  });

  it('reads explain with its query words', () => {
    expect(parseArgs(['explain', '--json', '550', '5.1.1'])).toEqual({ name: 'explain', query: ['550', '5.1.1'], json: true });
  });

  it('gives help and version precedence', () => {
    expect(parseArgs(['x', '--help'])).toEqual({ name: 'help' });
    expect(parseArgs(['--version'])).toEqual({ name: 'version' });
  });

  it('refuses an empty input name, which would read as a missing file named ""', () => {
    expect(() => parseArgs(['--jsonl', ''])).toThrow(/empty input name/);
    expect(() => parseArgs(['dir', ''])).toThrow(UsageError);
  });

  it('refuses unknown flags and empty input lists', () => {
    expect(() => parseArgs(['--json', 'a.eml'])).toThrow(UsageError);
    expect(() => parseArgs(['-x'])).toThrow(/unknown option: -x/);
    expect(() => parseArgs([])).toThrow(/no input/);
    expect(() => parseArgs(['explain'])).toThrow(/needs a query/);
    expect(() => parseArgs(['-', 'a.eml', '-'])).toThrow(/only once/);
  });
});

describe('isMessageName', () => {
  it.each([
    ['a.eml', true], ['A.EML', true], ['message', true], ['Inbox.mbox', true], ['12345.emlx', true], ['12345.partial.emlx', true], ['notes.txt', false], ['.hidden.eml', false], ['.git', false],
  ])('%s → %s', (name, expected) => {
    expect(isMessageName(name)).toBe(expected);
  });

  it('takes .txt files too when the inputs are webmail texts (--text)', () => {
    expect(isMessageName('notes.txt', true)).toBe(true);
    expect(isMessageName('.hidden.txt', true)).toBe(false);
  });
});

describe('splitMbox', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const dec = (b: Uint8Array) => new TextDecoder().decode(b);
  const split = (s: string) => {
    const parts = splitMbox(enc(s));
    return parts && [...parts].map(dec);
  };

  it('splits at "From " lines with a sender and date after a blank line, LF or CRLF, and drops them', () => {
    const parts = split('From a@example.org Mon Dec  7 10:00:00 2026\nSubject: 1\n\nFrom the 1st of June, hello\n\nFrom b@example.org Mon Dec  7 10:01:00 2026\r\nSubject: 2\r\n\r\nbody\r\n\r\nFrom - Mon Dec  7 10:02:00 2026\nSubject: 3\n');
    expect(parts?.map((p) => p.split(/\r?\n/)[0])).toEqual(['Subject: 1', 'Subject: 2', 'Subject: 3']);
    // a body line that starts with "From " but has no sender and date is no separator
    expect(parts![0]).toContain('From the 1st of June, hello');
  });

  it('does not split at an unquoted body line with a sender and date unless a message opens after it', () => {
    const parts = split(
      'From a@example.org Mon Dec  7 10:00:00 2026\nSubject: 1\n\nFrom MAILER-DAEMON Mon Dec  7 09:00:00 2026 on, mail to kim is refused.\nWrite to ann.\n\n' +
        'From b@example.org Mon Dec  7 10:01:00 2026\r\nX-Mozilla-Status: 0001\r\n\r\nbody\r\n\r\n' +
        'From c@example.org Mon Dec  7 10:02:00 2026\n>From MAILER-DAEMON Mon Dec  7 10:02:00 2026\nSubject: 3\n',
    );
    expect(parts?.map((p) => p.split(/\r?\n/)[0])).toEqual(['Subject: 1', 'X-Mozilla-Status: 0001', 'From MAILER-DAEMON Mon Dec  7 10:02:00 2026']);
    expect(parts![0]).toContain('09:00:00 2026 on, mail to kim is refused.\nWrite to ann.');
  });

  it('skips a message that holds nothing but its "From " line', () => {
    expect(split('From a@example.org Mon Dec  7 10:00:00 2026\nSubject: 1\n\nbody\n\nFrom b@example.org Mon Dec  7 10:01:00 2026\n\nFrom c@example.org Tue Dec  8 10:01:00 2026\nSubject: 3\n\nx\n')?.length).toBe(2);
  });

  it('splits files read side by side, a message at a time, each on its own', () => {
    const mbox = (n: number, end = '\n') => enc(Array.from({ length: n }, (_, i) => `From a@example.org Mon Dec  7 10:${String(i % 60).padStart(2, '0')}:00 2026${end}Subject: ${i}${end}${end}body${end}`).join(end));
    const a = splitMbox(mbox(6))![Symbol.iterator]();
    a.next();
    // another, longer file read part way meanwhile
    const b = splitMbox(mbox(40))![Symbol.iterator]();
    for (let i = 0; i < 30; i++) b.next();
    let rest = 0;
    for (let r = a.next(); !r.done; r = a.next()) rest++;
    expect(rest).toBe(5);
    // converted to CRLF twice
    expect([...splitMbox(mbox(4, '\r\r\n'))!]).toHaveLength(4);
  });

  it('finds the separators over the bytes, decoding only the lines that might be one', () => {
    // (The whole file decoded as text was two to three more copies of it in memory at once.)
    const body = 'x'.repeat(70) + '\n';
    const message = (i: number) => `From a@example.org Mon Dec  7 10:${String(i % 60).padStart(2, '0')}:00 2026\nSubject: ${i}\n\n${body.repeat(200)}\nFrom the 1st of June\n\n`;
    const bytes = enc(Array.from({ length: 50 }, (_, i) => message(i)).join(''));
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    try {
      expect([...splitMbox(bytes)!]).toHaveLength(50);
      const decoded = decode.mock.calls.reduce((sum, [input]) => sum + ((input as Uint8Array | undefined)?.byteLength ?? 0), 0);
      expect(decoded).toBeLessThan(bytes.length / 20);
    } finally {
      decode.mockRestore();
    }
  });

  it('undoes mboxrd quoting: one ">" off each line that reads ">…>From "', () => {
    const parts = split(
      'From a@example.org Mon Dec  7 10:00:00 2026\n>From MAILER-DAEMON Mon Dec  7 09:59:00 2026\nSubject: 1\n\n>From here\n>>From there\n> quoted >From\n>Fromage\n\n' +
        'From b@example.org Mon Dec  7 10:01:00 2026\r\nSubject: 2\r\n\r\n>From crlf\r\n>From end',
    );
    expect(parts).toEqual([
      'From MAILER-DAEMON Mon Dec  7 09:59:00 2026\nSubject: 1\n\nFrom here\n>From there\n> quoted >From\n>Fromage\n\n',
      'Subject: 2\r\n\r\nFrom crlf\r\nFrom end',
    ]);
    // a message with nothing quoted is not copied
    const bytes = enc('From a@example.org Mon Dec  7 10:00:00 2026\nSubject: 1\n\n> x\n\nFrom b@example.org Mon Dec  7 10:01:00 2026\nSubject: 2\n');
    for (const part of splitMbox(bytes)!) expect(part.buffer).toBe(bytes.buffer);
  });

  it('leaves one message, or a file that is no mbox, whole', () => {
    expect(split('From a@example.org Mon Dec  7 10:00:00 2026\nSubject: 1\n\nbody\n')).toBeUndefined();
    expect(split('From: a@example.org\nSubject: 1\n\nbody\n\nFrom b@example.org Mon Dec  7 10:01:00 2026\n')).toBeUndefined();
  });
});

describe('mapOrdered', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const source = Readable.from(Array.from({ length: 40 }, (_, i) => i));
    const out: number[] = [];
    for await (const n of mapOrdered(source, 4, async (i: number) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, (i * 7) % 5)); // finish out of order
      running--;
      return i * 2;
    })) out.push(n);
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
    expect(most).toBe(4);
  });

  it('keeps the weight in flight within the budget, except for one item alone, and releases it once consumed', async () => {
    const weights = [100, 100, 300, 50, 50, 50, 400, 10];
    let held = 0;
    let most = 0;
    const out: number[] = [];
    const results = mapOrdered(
      Readable.from(weights.map((w, i) => ({ i, w }))),
      8,
      async ({ i, w }: { i: number; w: number }) => {
        held += w;
        most = Math.max(most, held === w ? 0 : held); // one item alone may pass the budget
        await new Promise((r) => setTimeout(r, (i * 3) % 4));
        return { i, w };
      },
      async ({ w }) => w,
      250,
    );
    for await (const { i, w } of results) {
      out.push(i);
      held -= w; // consumed
    }
    expect(out).toEqual(weights.map((_, i) => i));
    expect(most).toBeLessThanOrEqual(250);
    expect(most).toBeGreaterThan(0);
  });

  it('refuses a limit below 1', async () => {
    await expect(mapOrdered(Readable.from([1]), 0, async (x) => x).next()).rejects.toThrow(RangeError);
  });
});

describe('useColour', () => {
  it('colours only a terminal, and never with NO_COLOR', () => {
    expect(useColour({ isTTY: true }, {})).toBe(true);
    expect(useColour({ isTTY: false }, {})).toBe(false);
    expect(useColour({}, {})).toBe(false);
    expect(useColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColour({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });

  it('makeStyle(false) adds nothing', () => {
    expect(plain.red('x')).toBe('x');
    expect(makeStyle(true).red('x')).toBe('\x1b[31mx\x1b[39m');
  });
});

describe('toJsonlRecord', () => {
  it('carries each verdict with its advice', () => {
    const v = verdict();
    const record = toJsonlRecord({ file: 'a.eml', path: 'in/a.eml', result: classification([v]), advice: [advise(v)] });
    expectRecord(record as unknown as Record<string, unknown>);
    expect(record.recipients[0]).toMatchObject({ recipient: v.recipient, status: '5.1.1', reply: '550', reason: 'userunknown', hard: true });
    expect(record.recipients[0].headline).toBe(advise(v).headline);
  });

  it('turns an error into a complete record', () => {
    const record = toJsonlRecord({ file: 'x', path: 'x', result: { kind: 'error', error: 'x: no such file or directory' }, advice: [] });
    expectRecord(record as unknown as Record<string, unknown>);
    expect(record).toMatchObject({ kind: 'error', error: 'x: no such file or directory', recipients: [] });
  });
});

describe('formatReport', () => {
  it('shows address, codes, reason, severity and the advice headline', () => {
    const v = verdict();
    const text = formatReport({ file: 'a.eml', path: 'a.eml', result: classification([v]), advice: [advise(v)] }, plain);
    expect(text).toContain('a.eml');
    expect(text).toContain('kijitora@example.jp');
    expect(text).toContain('550 5.1.1');
    expect(text).toContain('userunknown');
    expect(text).toContain('permanent, hard');
    expect(text).toContain(advise(v).headline);
  });

  it('names the address the sender used beside the one that failed', () => {
    const v = verdict({ sentTo: 'info@example.jp' });
    expect(formatReport({ file: 'a.eml', path: 'a.eml', result: classification([v]), advice: [advise(v)] }, plain)).toContain('kijitora@example.jp (sent to info@example.jp)');
    expect(toJsonlRecord({ file: 'a.eml', path: 'a.eml', result: classification([v]), advice: [advise(v)] }).recipients[0].sentTo).toBe('info@example.jp');
  });

  it('names the other recipient one was refused along with, and advises no removal', () => {
    const v = verdict({ reason: 'onhold', hard: false, refusedWith: 'kim@example.jp' });
    const record = toJsonlRecord({ file: 'a.eml', path: 'a.eml', result: classification([v]), advice: [advise(v)] });
    expect(record.recipients[0]).toMatchObject({ refusedWith: 'kim@example.jp', suppress: false });
    expect(formatReport({ file: 'a.eml', path: 'a.eml', result: classification([v]), advice: [advise(v)] }, plain)).toContain('because of another recipient, kim@example.jp');
    expect(toJsonlRecord({ file: 'a.eml', path: 'a.eml', result: classification([verdict({})]), advice: [advise(verdict({}))] }).recipients[0].refusedWith).toBe('');
    const doubted = verdict({ reason: 'userunknown', hard: false, contradictsDelivery: true });
    expect(toJsonlRecord({ file: 'a.eml', path: 'a.eml', result: classification([doubted]), advice: [advise(doubted)] }).recipients[0]).toMatchObject({ contradictsDelivery: true, suppress: false });
    expect(toJsonlRecord({ file: 'a.eml', path: 'a.eml', result: classification([verdict({})]), advice: [advise(verdict({}))] }).recipients[0].contradictsDelivery).toBe(false);
  });

  it("warns of a report whose sender failed DMARC, and keeps the address it would have suppressed", () => {
    const v = verdict({ hard: false, senderUnverified: true });
    const result = { ...classification([v]), dmarcFail: { domain: 'example.net', line: 'Authentication-Results: x; dmarc=fail' } };
    const record = toJsonlRecord({ file: 'a.eml', path: 'a.eml', result, advice: [advise(v)] });
    expect(record).toMatchObject({ dmarcFail: true, recipients: [{ senderUnverified: true, hard: false, suppress: false }] });
    const text = formatReport({ file: 'a.eml', path: 'a.eml', result, advice: [advise(v)] }, plain);
    expect(text.split('\n')[1]).toBe('  sender not verified: example.net failed DMARC where this report was received; it may be forged');
    const usual = toJsonlRecord({ file: 'a.eml', path: 'a.eml', result: classification([verdict()]), advice: [advise(verdict())] });
    expect(usual).toMatchObject({ dmarcFail: false, recipients: [{ senderUnverified: false, suppress: true }] });
    expect(formatReport({ file: 'a.eml', path: 'a.eml', result: classification([verdict()]), advice: [advise(verdict())] }, plain)).not.toContain('DMARC');
    const unreadable = { ...result, dmarcFail: { domain: 'example.net', line: 'x', unreadable: true as const } };
    expect(formatReport({ file: 'a.eml', path: 'a.eml', result: unreadable, advice: [advise(v)] }, plain).split('\n')[1]).toBe('  sender not verified: its authentication result cannot be read whole where this report was received; it may be forged');
  });

  it('flags an address that mixes alphabets within one name', () => {
    const v = verdict({ recipient: 'billing@p\u0430ypal.com' });
    expect(formatReport({ file: 'a.eml', path: 'a.eml', result: classification([v]), advice: [advise(v)] }, plain)).toContain('    look-alike letters: the address mixes Latin and Cyrillic letters');
    expect(formatReport({ file: 'a.eml', path: 'a.eml', result: classification([verdict()]), advice: [advise(verdict())] }, plain)).not.toContain('look-alike');
  });

  it('neutralises terminal control sequences taken from a message', () => {
    const v = verdict({ diagnostic: 'evil \x1b]0;pwned\x07 text', recipient: 'a\x1b[2Jb@example.jp' });
    const text = formatReport({ file: 'a.eml', path: 'a.eml', result: classification([v]), advice: [advise(v)] }, plain);
    expect(text).not.toContain('\x1b');
    expect(text).not.toContain('\x07');
    expect(clean('a\x9bb\x00c')).toBe('a b c');
  });

  it('neutralises bidirectional overrides and line separators, which reorder or break the line shown', () => {
    // "invoice\u202Egnp.exe" shows as "invoiceexe.png" on a terminal that applies them
    expect(clean('invoice\u202egnp.exe \u2066x\u2069 \u200f \u061c a\u2028b\u2029c')).toBe('invoice gnp.exe  x      a b c');
    expect(clean('ok \u202e', true)).toBe('ok  ');
    expect(clean('Grüße, 宛先不明 — ok')).toBe('Grüße, 宛先不明 — ok');
  });
});

describe('progressBar', () => {
  function fakeTerminal() {
    const writes: string[] = [];
    return { writes, stream: { write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream };
  }

  it('draws the count, and takes itself down around output on a shared terminal', () => {
    const { writes, stream } = fakeTerminal();
    const bar = progressBar(2, stream, true);
    bar.tick();
    expect(writes.at(-1)).toMatch(/\[#{15}-{15}\] 1\/2$/);
    let wrote = false;
    bar.around(() => (wrote = true));
    expect(wrote).toBe(true);
    expect(writes.at(-1)).toBe('\r\x1b[2K');
    bar.tick();
    expect(writes.at(-1)).toMatch(/\] 2\/2$/);
    bar.done();
    expect(writes.at(-1)).toBe('\r\x1b[2K');
  });

  it('leaves itself up when output goes elsewhere', () => {
    const { writes, stream } = fakeTerminal();
    const bar = progressBar(5, stream, false);
    bar.tick();
    const before = writes.length;
    bar.around(() => {});
    expect(writes.length).toBe(before);
  });
});

describe('formatExplanation', () => {
  it('numbers the steps and keeps a hostile query from driving the terminal', async () => {
    const result = await lookup('550 5.1.1 \x1b]0;pwned\x07');
    const withSteps = result.results.find((e) => e.steps.length > 1);
    expect(withSteps, 'lookup gave no explanation with steps for 550 5.1.1').toBeDefined();
    const hostile = { ...result, results: [{ ...withSteps!, title: 'title \x1b]0;pwned\x07' }] };
    const text = formatExplanation(hostile, makeStyle(true));
    expect(text).toMatch(/^ {2}1\. /m);
    expect(text).toMatch(/^ {2}2\. /m);
    expect(text).not.toMatch(/\x1b\]|\x07/);
    expect(text).toContain('\x1b[1m'); // our own bold survives
  });
});

describe('formatSummary', () => {
  it('counts each kind in words, in a fixed order', () => {
    const counts = new Map([['error', 1], ['bounce', 9], ['delay', 1], ['not-bounce', 2]]);
    expect(formatSummary(counts, plain)).toBe('13 messages: 9 bounces, 1 delay notice, 2 messages that are not bounces, 1 error\n');
    expect(formatSummary(counts, plain, 7)).toBe('13 messages: 9 bounces, 1 delay notice, 2 messages that are not bounces, 1 error; 7 addresses to suppress\n');
  });
});

describe('formatReasons', () => {
  it('lists failure reasons most frequent first, ties by name, leaving out what is no failure', () => {
    const reasons = new Map([['blocked', 3], ['userunknown', 40], ['delivered', 9], ['authfailure', 3], ['vacation', 2], ['feedback', 1]]);
    expect(formatReasons(reasons, plain)).toBe('Failed recipients by reason: 40 userunknown, 3 authfailure, 3 blocked\n');
    expect(formatReasons(new Map([['delivered', 2]]), plain)).toBe('');
  });
});
