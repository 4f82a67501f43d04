import { reasonLabel } from '../../components/labels';
import { describe, expect, it } from 'vitest';
import {
  appendEntry,
  countRecipients,
  csvCell,
  forgetEntry,
  historyCsv,
  historyEntry,
  historySummary,
  HISTORY_LIMIT,
  kindLabel,
  isWorthRecording,
  messageKey,
  recordEntry,
  reportKey,
  type HistoryEntry,
} from '../../utils/history';
import { REASON_NAMES } from '../../lib/reasons';
import { classification, fakeAdvise, verdict } from '../components/fixtures';

const bounce = classification([
  verdict(),
  verdict({ recipient: 'neko@example.com', status: '5.7.26', reason: 'authfailure', hard: false }),
]);

describe('historyEntry', () => {
  it('keeps only time, kind, host and per recipient address/status/reply/reason/suppress', () => {
    const entry = historyEntry(bounce, fakeAdvise, 'mail.google.com', 1_700_000_000_000);
    expect(entry).toEqual({
      time: 1_700_000_000_000,
      kind: 'bounce',
      host: 'mail.google.com',
      recipients: [
        { address: 'kijitora@example.jp', status: '5.1.1', reply: '550', reason: 'userunknown', suppress: true },
        { address: 'neko@example.com', status: '5.7.26', reply: '550', reason: 'authfailure', suppress: false },
      ],
    });
    expect(JSON.stringify(entry)).not.toContain('Invoice');
  });

  it('records bounces, not out-of-office replies or non-bounces', () => {
    expect(isWorthRecording(bounce)).toBe(true);
    expect(isWorthRecording(classification([], { kind: 'not-bounce' }))).toBe(false);
    expect(isWorthRecording(classification([verdict({ reason: 'vacation' })], { kind: 'autoreply' }))).toBe(false);
  });

  it('keys a report by what it says, so a re-render is not recorded twice', () => {
    expect(reportKey(bounce)).toBe(reportKey(structuredClone(bounce)));
    expect(reportKey(bounce)).not.toBe(reportKey(classification([verdict()])));
  });
});

describe('appendEntry', () => {
  it('puts the newest first and keeps the last 200', () => {
    let list: HistoryEntry[] = [];
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) list = appendEntry(list, historyEntry(bounce, fakeAdvise, 'popup', i));
    expect(list).toHaveLength(HISTORY_LIMIT);
    expect(list[0].time).toBe(HISTORY_LIMIT + 4);
    expect(list.at(-1)!.time).toBe(5);
  });
});

describe('the history stays within its bytes', () => {
  // A report of 1,000 recipients with long addresses: about 330 kB as stored.
  const huge = (time: number, id?: string): HistoryEntry => ({
    ...(id ? { id } : {}),
    time,
    kind: 'bounce',
    host: 'mail.google.com',
    recipients: Array.from({ length: 1000 }, (_, i) => ({ address: `${'a'.repeat(240)}${i}@example.net`, status: '5.1.1', reply: '550', reason: 'userunknown', suppress: true })),
  });
  const bytes = (list: readonly HistoryEntry[]) => new TextEncoder().encode(JSON.stringify(list)).length;
  /** chrome.storage.local's quota without the unlimitedStorage permission: a larger write fails. */
  const QUOTA = 10 * 1024 * 1024;

  it('drops the oldest entries rather than grow past what storage holds', () => {
    let list: HistoryEntry[] = [];
    for (let i = 0; i < 40; i++) list = appendEntry(list, huge(i));
    // 40 such entries are some 13 MB, past the 10 MB quota, where every write would fail.
    expect(bytes(list)).toBeLessThan(QUOTA);
    expect(list[0].time).toBe(39);
    expect(list.length).toBeGreaterThan(10);
    // A small entry after them is still recorded, newest first.
    list = appendEntry(list, historyEntry(bounce, fakeAdvise, 'popup', 100));
    expect(list[0].time).toBe(100);
    expect(bytes(list)).toBeLessThan(QUOTA);
  });

  it('keeps the list within its bytes when an entry is updated in place', () => {
    // Stored by an older version: just under the quota, the newest entry a small one.
    const list = [historyEntry(bounce, fakeAdvise, 'mail.google.com', 50, 'small'), ...Array.from({ length: 30 }, (_, i) => huge(i, `m${i}`))];
    expect(bytes(list)).toBeLessThan(QUOTA);
    // A better reading of the small one names a thousand recipients.
    const { list: after, changed } = recordEntry(list, { ...huge(60, 'small'), time: 60 });
    expect(changed).toBe(true);
    expect(after[0]).toMatchObject({ id: 'small', time: 50 });
    expect(bytes(after)).toBeLessThan(QUOTA);
  });
});

describe('recordEntry: one opened message is one entry', () => {
  // Gmail reads the page text first, then "Show original": two different classifications of one message.
  const pageText = classification([verdict({ status: '', reply: '', basis: 'the words "address not found"' })], {
    original: { subject: '', messageId: '', from: '', to: '', date: '' },
  });
  const original = bounce;
  const id = `mail.google.com|${messageKey('msg-f:1781000000000000011', 'Address not found…')}`;

  it('updates the entry of a message read again (better source, reload, second tab), keeping when it was first seen', () => {
    let list: HistoryEntry[] = [historyEntry(bounce, fakeAdvise, 'popup', 1)];
    let step = recordEntry(list, historyEntry(pageText, fakeAdvise, 'mail.google.com', 10, id));
    expect(step.changed).toBe(true);
    list = step.list;
    expect(list).toHaveLength(2);

    step = recordEntry(list, historyEntry(original, fakeAdvise, 'mail.google.com', 20, id));
    expect(step.changed).toBe(true);
    list = step.list;
    expect(list).toHaveLength(2);
    expect(list[0]).toEqual({ ...historyEntry(original, fakeAdvise, 'mail.google.com', 10, id) });

    // Reloaded, or opened in another tab: both readings again, nothing new.
    for (const [c, time] of [[pageText, 30], [original, 40]] as const) {
      step = recordEntry(list, historyEntry(c, fakeAdvise, 'mail.google.com', time, id));
      list = step.list;
    }
    expect(list).toHaveLength(2);
    expect(list[0].time).toBe(10);
    expect(list[0].recipients.map((r) => r.status)).toEqual(['5.1.1', '5.7.26']);
    expect(recordEntry(list, historyEntry(original, fakeAdvise, 'mail.google.com', 50, id)).changed).toBe(false);
    // Storage hands entries back with their keys sorted: still the same entry, nothing to write.
    const sorted = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(sorted) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)])) : value;
    expect(recordEntry(sorted(list) as HistoryEntry[], historyEntry(original, fakeAdvise, 'mail.google.com', 50, id)).changed).toBe(false);
    expect(list[1]).toEqual(historyEntry(bounce, fakeAdvise, 'popup', 1));
  });

  it('still adds entries without an id (the popup) and entries of other messages', () => {
    let list: HistoryEntry[] = [];
    list = recordEntry(list, historyEntry(bounce, fakeAdvise, 'popup', 1)).list;
    list = recordEntry(list, historyEntry(bounce, fakeAdvise, 'popup', 2)).list;
    list = recordEntry(list, historyEntry(bounce, fakeAdvise, 'mail.google.com', 3, 'a')).list;
    list = recordEntry(list, historyEntry(bounce, fakeAdvise, 'mail.google.com', 4, 'b')).list;
    expect(list.map((e) => e.time)).toEqual([4, 3, 2, 1]);
  });

  it('forgets the entry of a message found not to be a bounce after all', () => {
    const list = [historyEntry(bounce, fakeAdvise, 'mail.google.com', 2, 'a'), historyEntry(bounce, fakeAdvise, 'popup', 1)];
    expect(forgetEntry(list, 'a')).toEqual({ list: [list[1]], changed: true });
    expect(forgetEntry(list, 'b').changed).toBe(false);
  });

  it('keys a message by its webmail id and its text, so positional ids still tell messages apart', () => {
    expect(messageKey('msg-f:1', 'Address not found')).toBe(messageKey('msg-f:1', 'Address not found'));
    expect(messageKey('gmail:0', 'Address not found: a@example.com')).not.toBe(messageKey('gmail:0', 'Address not found: b@example.com'));
    expect(messageKey('msg-f:1', 'same text')).not.toBe(messageKey('msg-f:2', 'same text'));
    const long = `pane:https://mail.google.com/mail/u/0/#search/${'x'.repeat(2000)}`;
    expect(messageKey(long, 'text').length).toBeLessThan(100);
    expect(messageKey(long, 'text')).not.toBe(messageKey(`${long}y`, 'text'));
  });
});

describe('countRecipients', () => {
  const entries = [
    historyEntry(bounce, fakeAdvise, 'popup', 1),
    historyEntry(classification([verdict({ recipient: 'tora@example.jp' })]), fakeAdvise, 'popup', 2),
  ];
  it('counts by reason and by domain, most frequent first', () => {
    expect(countRecipients(entries, 'reason')).toEqual([
      { label: 'The mailbox does not exist', count: 2 },
      { label: 'SPF, DKIM or DMARC checks failed', count: 1 },
    ]);
    expect(countRecipients(entries, 'domain')).toEqual([
      { label: 'example.jp', count: 2 },
      { label: 'example.com', count: 1 },
    ]);
  });
  it('folds the tail into Other', () => {
    const many = classification(Array.from({ length: 12 }, (_, i) => verdict({ recipient: `a@d${i}.example` })));
    const counts = countRecipients([historyEntry(many, fakeAdvise, 'popup', 1)], 'domain', 5);
    expect(counts).toHaveLength(5);
    expect(counts.at(-1)).toEqual({ label: 'Other', count: 8 });
  });
});

describe('words shown in the history', () => {
  it('names reasons as the verdict cards do, from lib/reasons.ts, never by their internal names', () => {
    expect(reasonLabel('userunknown')).toBe('The mailbox does not exist');
    expect(reasonLabel('authfailure')).toBe('SPF, DKIM or DMARC checks failed');
    expect(reasonLabel('policyviolation')).toBe("The receiver's local policy forbids this message");
    for (const reason of REASON_NAMES) {
      expect(reasonLabel(reason)).toMatch(/^[A-Z]/);
      expect(reasonLabel(reason).toLowerCase()).not.toBe(reason);
    }
  });

  it('counts and names delay notices apart from bounces', () => {
    const delay = classification([verdict({ action: 'delayed', status: '4.2.2', reply: '452', reason: 'mailboxfull', permanent: false })], {
      kind: 'delay',
    });
    const list = [
      historyEntry(delay, fakeAdvise, 'mail.google.com', 3),
      historyEntry(bounce, fakeAdvise, 'mail.google.com', 2),
      historyEntry(bounce, fakeAdvise, 'popup', 1),
    ];
    expect(historySummary(list)).toBe('2 bounces, 1 delay notice, 5 recipients.');
    expect(historySummary(list.slice(0, 1))).toBe('1 delay notice, 1 recipient.');
    expect(historySummary(list.slice(1, 2))).toBe('1 bounce, 2 recipients.');
    expect(kindLabel('bounce')).toBe('Bounce');
    expect(kindLabel('delay')).toBe('Delay notice');
  });
});

describe('CSV export', () => {
  it('quotes cells with commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes one row per recipient, oldest first', () => {
    const hostile = classification([verdict({ recipient: '=cmd|"/c calc"!a0@example.com' })]);
    const csv = historyCsv([
      historyEntry(hostile, fakeAdvise, 'outlook.live.com', Date.UTC(2026, 0, 2)),
      historyEntry(bounce, fakeAdvise, 'mail.google.com', Date.UTC(2026, 0, 1)),
    ]);
    expect(csv.split('\r\n')).toEqual([
      'time,host,kind,recipient,status,reply,reason,suppress',
      '2026-01-01T00:00:00.000Z,mail.google.com,bounce,kijitora@example.jp,5.1.1,550,userunknown,true',
      '2026-01-01T00:00:00.000Z,mail.google.com,bounce,neko@example.com,5.7.26,550,authfailure,false',
      `2026-01-02T00:00:00.000Z,outlook.live.com,bounce,"'=cmd|""/c calc""!a0@example.com",5.1.1,550,userunknown,true`,
      '',
    ]);
  });
});
