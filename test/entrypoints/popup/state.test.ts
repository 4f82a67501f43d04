import { beforeEach, describe, expect, it, vi } from 'vitest';
import { advise, MAX_LOOKUP_CHARS } from '../../../lib/knowledge';
import type { Classification } from '../../../lib/types';
import { historyEntry, type HistoryEntry } from '../../../utils/history';

const added: HistoryEntry[] = [];
// The popup asks the background to record what it showed; the background builds the entry.
vi.mock('../../../utils/messages', () => ({
  sendMessage: vi.fn(async (type: string, data: { classification: Classification }) => {
    if (type === 'recordInspected') added.push(historyEntry(data.classification, advise, 'popup'));
    return { recorded: true };
  }),
}));

const { fileName, inspectFile, MAX_MBOX_MESSAGES, outcome, query, setQuery } = await import('../../../entrypoints/popup/state');

const bounce = (to: string, status = '5.1.1') => `From: MAILER-DAEMON@mx.example.net
To: ann@example.org
Subject: Undelivered Mail Returned to Sender

<${to}>: host mx.example.com[192.0.2.1] said: 550 ${status} <${to}>:
    Recipient address rejected: User unknown (in reply to RCPT TO command)
`;

const PERSONAL = `From: bob@example.com
To: ann@example.org
Subject: Lunch?

Shall we meet at noon?
`;

const file = (name: string, content: string | Uint8Array<ArrayBuffer>) => new File([content], name);
const text = () => (outcome.value.state === 'message' ? outcome.value.text : '');
const recipients = () => (outcome.value.state === 'views' ? outcome.value.views.map((v) => v.recipient) : []);

beforeEach(() => {
  added.length = 0;
  setQuery('');
});

describe('popup state: pasted text', () => {
  it('sends a paste over the lookup limit to the file picker, not to the command line', () => {
    const big = bounce('kim@example.com') + 'x'.repeat(MAX_LOOKUP_CHARS);
    setQuery(big, true);
    expect(outcome.value).toMatchObject({ state: 'message', tone: 'error' });
    // Precise enough not to read as the limit itself.
    expect(text()).toMatch(/^This text is 2\.01 MB, over the 2 MB limit for pasted text; files are read up to 25 MB\./);
    expect(text()).toContain('Save the bounce as an .eml file and open it with "Choose a file" below, or drop the file here.');
    expect(text()).not.toMatch(/command line/i);
    expect(query.value).toBe(big);
  });

  it('still explains a paste just under the limit', async () => {
    setQuery(bounce('kim@example.com').padEnd(MAX_LOOKUP_CHARS, ' '), true);
    await vi.waitFor(() => expect(recipients()).toEqual(['kim@example.com']));
  });
});

describe('popup state: files', () => {
  it('says an Outlook .msg cannot be read and how to get a file that can', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await inspectFile(file('Undeliverable.msg', ole));
    expect(fileName.value).toBe('Undeliverable.msg');
    expect(text()).toMatch(/^Undeliverable\.msg is an Outlook message file \(\.msg\), which Bounce Inspector cannot read/);
    expect(text()).toContain('Show original, then Download original');
    expect(text()).toContain('download the message as .eml, or open View message source and paste it above');
    expect(text()).not.toContain('does not look like a bounce');
    expect(added).toEqual([]);
  });

  it.each([
    ['screenshot.png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG image'],
    ['bounce.eml', [0xff, 0xd8, 0xff, 0xe0], 'a JPEG image'],
    ['bounce.txt', [...'%PDF-1.7'].map((c) => c.charCodeAt(0)), 'a PDF document'],
    ['report.docx', [0x50, 0x4b, 0x03, 0x04], 'an Office document'],
    ['mail.zip', [0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  ])('names %s by its bytes: %s', async (name, magic, what) => {
    const bytes = new Uint8Array(512).fill(0x41);
    bytes.set(magic);
    await inspectFile(file(name, bytes));
    expect(text()).toContain(`${name} is ${what}, which Bounce Inspector cannot read`);
  });

  it('names a binary file without a known signature by its extension', async () => {
    const noise = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7) % 32);
    await inspectFile(file('old.msg', noise));
    expect(text()).toContain('old.msg is an Outlook message file (.msg)');
    await inspectFile(file('blob.bin', noise));
    expect(text()).toContain('blob.bin is a binary file');
  });

  it('reads a file whose bytes are a message, whatever its name', async () => {
    await inspectFile(file('renamed.msg', bounce('kim@example.com')));
    expect(recipients()).toEqual(['kim@example.com']);
  });

  it('reads a .txt bounce and a UTF-16 one (Notepad "Unicode")', async () => {
    await inspectFile(file('bounce.txt', bounce('kim@example.com')));
    expect(recipients()).toEqual(['kim@example.com']);
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[...bounce('neko@example.jp')].flatMap((c) => [c.charCodeAt(0), 0])]);
    await inspectFile(file('unicode.txt', utf16));
    expect(recipients()).toEqual(['neko@example.jp']);
  });

  it('refuses a file over 25 MB before reading it', async () => {
    const huge = { name: 'huge.eml', size: 26 * 1024 * 1024, arrayBuffer: () => Promise.reject(new Error('read')) } as unknown as File;
    await inspectFile(huge);
    expect(text()).toBe('huge.eml is 26.00 MB, over the 25 MB limit for files.');
  });
});

describe('popup state: saved mailboxes', () => {
  const mbox = (...messages: string[]) =>
    messages.map((m, i) => `From MAILER-DAEMON Thu Dec  3 10:0${i}:00 2026\n${m}`).join('\n');

  it('shows the first bounce in the mailbox and says which message it is', async () => {
    await inspectFile(file('Inbox.mbox', mbox(PERSONAL, bounce('kim@example.com'), bounce('neko@example.jp', '5.2.2'))));
    expect(recipients()).toEqual(['kim@example.com']);
    expect(outcome.value).toMatchObject({ note: 'This mailbox file holds 3 messages; shown here is message 2, the first bounce in it.' });
    expect(added.map((e) => e.recipients.map((r) => r.address))).toEqual([['kim@example.com']]);
  });

  it('reads CRLF mailboxes and does not split at a quoted ">From " or a "From " inside a paragraph', async () => {
    const quoted = PERSONAL.replace('Shall we', '>From what I hear,\nFrom noon on, shall we');
    const crlf = mbox(quoted, bounce('kim@example.com')).replace(/\n/g, '\r\n');
    await inspectFile(file('two.mbox', crlf));
    expect(outcome.value).toMatchObject({ note: expect.stringContaining('holds 2 messages; shown here is message 2') });
  });

  it('does not split one message at a paragraph that opens with "From"', async () => {
    const one = `From - Thu Dec  3 10:00:00 2026\n${bounce('kim@example.com').replace(/\n\n/, '\n\nFrom all of us at Example: thank you.\n\n')}`;
    await inspectFile(file('one.eml', one));
    expect(recipients()).toEqual(['kim@example.com']);
    expect(outcome.value).not.toHaveProperty('note');
  });

  it('says so when no message in the mailbox is a bounce', async () => {
    await inspectFile(file('Lunch.mbox', mbox(PERSONAL, PERSONAL)));
    expect(text()).toBe('This mailbox file holds 2 messages, and none of them is a bounce.');
  });

  it('looks no further than its limit in a huge mailbox', async () => {
    const many = Array.from({ length: MAX_MBOX_MESSAGES + 1 }, () => PERSONAL);
    await inspectFile(file('Huge.mbox', mbox(...many, bounce('kim@example.com'))));
    expect(text()).toMatch(new RegExp(`^None of the first ${MAX_MBOX_MESSAGES} of this mailbox file's ${MAX_MBOX_MESSAGES + 2} messages is a bounce\\.`));
  });

  it('undoes the ">From " quoting of a mailbox of one message or of several', async () => {
    // A vacation reply that opens with its own "From " line, saved as ">From ": left quoted,
    // its headers are no longer where a message's are and the reply reads as a bounce.
    const vacation = `>From MAILER-DAEMON  Mon Sep 20 19:29:27 2021\nFrom: <foo@example.net>\nTo: bob@example.com\nSubject: Out of office\nAuto-Submitted: auto-replied\n\nI am away until Monday.\n>From Monday on, write to my colleague.\n`;
    await inspectFile(file('one.mbox', mbox(vacation)));
    expect(outcome.value).toMatchObject({ state: 'views', classification: { kind: 'autoreply' } });
    await inspectFile(file('two.mbox', mbox(vacation, vacation)));
    expect(text()).toBe('This mailbox file holds 2 messages, and none of them is a bounce.');
  });

  it('reads one message with an mbox "From " line as that message', async () => {
    await inspectFile(file('one.mbox', mbox(bounce('kim@example.com'))));
    expect(recipients()).toEqual(['kim@example.com']);
    expect(outcome.value).not.toHaveProperty('note');
  });
});

describe('popup state: newer input wins', () => {
  it('a file chosen while a paste is read replaces it', async () => {
    setQuery(bounce('old@example.com'), true);
    await inspectFile(file('new.eml', bounce('new@example.com')));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recipients()).toEqual(['new@example.com']);
    expect(query.value).toBe('');
  });
});
