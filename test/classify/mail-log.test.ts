import { describe, expect, it } from 'vitest';
import { classify } from '../../lib/classify/classify';
import { holdsLogRecord, LOG_DEFERRED, logOutcome, logRemoteMta } from '../../lib/classify/mail-log';
import { blankNames } from '../../lib/classify/phrases';
import { withoutTerminalCodes } from '../../lib/mime/input';

const deferred = 'postfix/smtp[1]: 5C2D: to=<kim@example.org>, relay=none, delay=300, dsn=4.4.1, status=deferred (connect to mx.example.org[192.0.2.25]:25: Connection timed out)';
const sent = 'postfix/smtp[1]: 5C2D: to=<kim@example.org>, relay=mx.example.org[192.0.2.25]:25, delay=900, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4Zq1)';
const bounced = 'postfix/smtp[1]: 5C2D: to=<kim@example.org>, relay=mx.example.org[192.0.2.25]:25, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.25] said: 550 5.1.1 User unknown)';

describe('mail log outcomes', () => {
  it('takes the last outcome of several as the one that speaks', () => {
    expect(logOutcome([deferred, deferred, bounced]).last).toBe(2);
    expect(logOutcome([bounced]).last).toBe(-1);
  });

  it('knows an address sent in the end, in Postfix, qmail and OpenSMTPD words', () => {
    expect(logOutcome([deferred, sent]).sent).toBe(true);
    expect(logOutcome([sent, bounced]).sent).toBe(false);
    expect(logOutcome([deferred]).sent).toBe(false);
    expect(logOutcome(['starting delivery 14: msg 1234 to remote ann@example.org', 'delivery 14: success: 192.0.2.25_accepted_message./Remote_host_said:_250_ok/']).sent).toBe(true);
    expect(logOutcome(['delivery 15: failure: 192.0.2.25_does_not_like_recipient./Remote_host_said:_550_5.1.1_User_unknown/']).sent).toBe(false);
    expect(logOutcome(['mta delivery evpid=1 from=<bob@sender.example> to=<kim@example.org> rcpt=<-> source="192.0.2.1" relay="192.0.2.25 (mx.example.org)" delay=1s result="Ok" stat="250 2.0.0 Ok"']).sent).toBe(true);
    expect(logOutcome(['an ordinary line about status=sent-items folders']).sent).toBe(false);
  });
});

describe('mail log deferrals and servers', () => {
  it("knows a deferral in Postfix's, Sendmail's, Exim's, qmail's and OpenSMTPD's words", () => {
    for (const line of [deferred, 'sendmail[1]: x: to=<kim@example.org>, stat=Deferred: Connection timed out', '2026-03-11 09:02:14 1w2Abc-0007Qx-1F == kim@example.org R=dnslookup T=remote_smtp defer (-44)', 'delivery 15: deferral: Connection_refused/', 'mta delivery evpid=1 to=<kim@example.org> result="TempFail" stat="451 4.7.1 try later"']) {
      expect(LOG_DEFERRED.test(line), line).toBe(true);
    }
    expect(LOG_DEFERRED.test(bounced)).toBe(false);
    expect(LOG_DEFERRED.test('2026-03-11 09:02:14 1w2Abc-0007Qx-1F ** kim@example.org: Unrouteable address')).toBe(false);
  });

  it('names the server a log line went to, not a relay that is none', () => {
    expect(logRemoteMta([deferred, bounced])).toBe('mx.example.org');
    expect(logRemoteMta(['2026-03-11 09:02:14 1w2Abc-0007Qx-1F ** kim@example.org R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.10]: SMTP error'])).toBe('mx.example.com');
    expect(logRemoteMta([deferred.replace('relay=none', 'relay=none')])).toBe('');
    expect(logRemoteMta(['sendmail[1]: x: to=<kim@example.org>, relay=mx.example.net., dsn=5.1.1, stat=User unknown'])).toBe('mx.example.net');
    expect(logRemoteMta(['no log here'])).toBe('');
  });
});

describe('holdsLogRecord', () => {
  it("knows one delivery's record in Postfix's, Sendmail's, OpenSMTPD's and Exim's logs, and a receiving server's refusal", () => {
    for (const line of [bounced, 'sendmail[1]: x: to=kim@example.org, ctladdr=bob (1000/1000), dsn=5.1.1, stat=User unknown', 'mta delivery evpid=1 to=<kim@example.org> result="PermFail" stat="550 5.1.1 no such user"', '2026-03-11 09:02:14 1w2Abc-0007Qx-1F ** kim@example.org: Unrouteable address', '2026-03-11 09:02:14 1w2Abc-0007Qx-1F == kim@example.org R=dnslookup defer (-44)', 'postfix/smtpd[3]: NOQUEUE: reject: RCPT from x[203.0.113.9]: 550 5.1.1 <kim@example.org>: User unknown', 'H=mta.example [203.0.113.9] F=<bob@sender.example> rejected RCPT <kim@example.org>: Unknown user']) {
      expect(holdsLogRecord(line), line).toBe(true);
    }
    // A recipient field and an outcome field on different lines, or prose, are no record.
    expect(holdsLogRecord('Please send it to=<kim@example.org> again\nstatus=unknown')).toBe(false);
    expect(holdsLogRecord('Hi Kim, the message to kim@example.org bounced: 550 5.1.1')).toBe(false);
  });
});

describe('a mail log pasted whole', () => {
  it("reports no failure when every recipient's last outcome is 'sent', and reads no status in a relay's IP address", async () => {
    const r = await classify(`${deferred}\n${sent}`, { text: true });
    expect(r.kind).toBe('delivered');
    const ips = Array.from({ length: 50 }, (_, i) => `postfix/smtp[1]: A${i}: to=<u${i}@example.org>, relay=mx.example.org[10.4.2.1]:25, dsn=2.0.0, status=sent (250 2.0.0 Ok)`).join('\n');
    const quiet = await classify(ips, { text: true });
    expect(quiet.kind === 'error' ? quiet.error : quiet.recipients.filter((v) => v.action !== 'delivered')).toEqual([]);
    // As the same log through a relay whose IP looks like no status (192.0.2.25): no report at
    // all. ('delivered' would pass the checks above: the all-sent rule hides a misread IP.)
    expect(quiet.kind).toBe('not-bounce');
  });
});

describe('a log longer than the lines read', () => {
  it('says how many lines were not read, so a failure further down is not missed in silence', async () => {
    const log = Array.from({ length: 2500 }, (_, i) => `postfix/smtp[1]: A${i}: to=<u${i}@example.org>, relay=mx.example.org[192.0.2.25]:25, dsn=2.0.0, status=sent (250 2.0.0 Ok)`).join('\n') + `\n${bounced}`;
    const r = await classify(log, { text: true });
    expect(r.kind === 'error' ? -1 : r.unreadLines).toBe(501);
    const short = await classify(`${deferred}\n${bounced}`, { text: true });
    expect(short.kind === 'error' ? -1 : (short.unreadLines ?? 0)).toBe(0);
    // A file's final newline is no line of its own: 2,000 lines and a newline were all read.
    const whole = await classify(log.split('\n').slice(501).join('\n') + '\n', { text: true });
    expect(whole.kind === 'error' ? -1 : (whole.unreadLines ?? 0)).toBe(0);
    const more = await classify(`${log}\n`, { text: true });
    expect(more.kind === 'error' ? -1 : more.unreadLines).toBe(501);
  });
});

describe('blankNames', () => {
  it("blanks the host names of a log's relay= and Exim's H= fields, whatever words make them", () => {
    const lower = 'to=<kim@example.org>, relay=spamfilter.example.net[192.0.2.5]:25, dsn=5.1.1, status=bounced';
    expect(blankNames(lower)).not.toContain('spamfilter');
    expect(blankNames('** kim@example.org r=dnslookup t=remote_smtp h=blocklist-gw.example.net [192.0.2.5]: smtp error')).not.toContain('blocklist');
    // Sendmail's trailing dot ends the sentence, not the name; words that only end in "h=" stay.
    expect(blankNames('relay=spam.example.net., dsn=5.1.1')).toBe(`relay=${'_'.repeat('spam.example.net'.length)}., dsn=5.1.1`);
    expect(blankNames('dkim tags h=from:to:subject; 550 spam detected')).toContain('spam detected');
    expect(blankNames('smth=spam.example.net')).toContain('spam.example.net');
  });

  it('blanks host names made of authentication words, not the words nor a DMARC record name', () => {
    expect(blankNames('relay to mail.dkim.example.net refused: 550 5.1.1 user unknown')).not.toContain('dkim');
    expect(blankNames('550 5.7.26 dmarc policy of example.com is reject.')).toContain('dmarc policy');
    expect(blankNames('no dmarc record at _dmarc.example.com')).toContain('_dmarc.example.com');
    // Two labels, or a link's file name: words, not a machine.
    expect(blankNames('550 5.7.1 rejected, failed dkim.please fix your signature')).toContain('dkim.please');
    expect(blankNames('550 5.7.1 email rejected per dmarc.org policy')).toContain('dmarc.org');
    expect(blankNames('550 5.7.1 message refused, see https://help.example.org/kb/dmarc.html')).toContain('dmarc.html');
    expect(blankNames('550 5.7.1 message refused, see https://help.example.org/kb/dmarc.policy.html')).toContain('dmarc.policy.html');
    // A link's host is a machine as much as a relay's: "https://dkim.rbl.example.net/lookup".
    expect(blankNames('554 5.7.1 client host blocked, see https://dkim.rbl.example.net/lookup')).not.toContain('dkim');
  });

  it('blanks host names in time linear in the text (a long run holding the words, many host names)', () => {
    const run = 'dkim'.repeat(64_000);
    const hosts = 'a.dkim.example '.repeat(16_000);
    const started = performance.now();
    expect(blankNames(run)).toBe(run);
    expect(blankNames(hosts)).not.toContain('dkim');
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("blanks Postfix's stage label, keeping the words after it", () => {
    expect(blankNames('550 <dana@example.net>: recipient address rejected: user unknown in local recipient table')).toMatch(/_ user unknown in local recipient table$/);
  });
});

describe('withoutTerminalCodes', () => {
  it("drops a coloured terminal's sequences and keeps a hyperlink's text", () => {
    expect(withoutTerminalCodes('to=<\x1b[1mkim@example.org\x1b[0m>, status=\x1b[31mbounced\x1b[0m')).toBe('to=<kim@example.org>, status=bounced');
    expect(withoutTerminalCodes('see \x1b]8;;https://example.org/\x07the log\x1b]8;;\x07 now')).toBe('see the log now');
    expect(withoutTerminalCodes('plain text')).toBe('plain text');
    // A stray, unterminated OSC ends with its line: the rest of the log is kept.
    expect(withoutTerminalCodes('first \x1b]0;title\nto=<kim@example.org>, status=bounced')).toBe('first \nto=<kim@example.org>, status=bounced');
  });
});
