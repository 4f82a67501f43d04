/** Reports whose sender the receiving mailbox could not verify (lib/classify/authenticity.ts). */
import { classify, classifyText } from '../../lib';
import { dmarcFailure } from '../../lib/classify/authenticity';
import { advise } from '../../lib/knowledge';
import { parseHeaderLines } from '../../lib/mime/headers';
import type { Classification, ClassifyResult } from '../../lib/types';

const ok = (r: ClassifyResult): Classification => {
  if (r.kind === 'error') throw new Error(r.error);
  return r;
};

const GMAIL_FAIL = 'Authentication-Results: mx.google.com;\n       spf=none (google.com: mx.example.net does not designate permitted sender hosts) smtp.helo=mx.example.net;\n       dmarc=fail (p=NONE sp=NONE dis=NONE) header.from=example.net';
const GMAIL_PASS = 'Authentication-Results: mx.google.com;\n       dkim=pass header.i=@example.net;\n       spf=pass smtp.helo=mx.example.net;\n       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.net';

/** A Postfix-style report to bob@example.com about kim@example.org, under the given header lines. */
function report(top: string, status = '5.1.1', words = 'User unknown'): string {
  return `${top ? `${top}\n` : ''}From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: bob@example.com\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\nYour message could not be delivered.\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; kim@example.org\nAction: failed\nStatus: ${status}\nDiagnostic-Code: smtp; 550 ${status} <kim@example.org>: ${words}\n--b--\n`;
}

describe('a report whose sender failed DMARC', () => {
  it('is not taken at its word when it calls an address dead, and says why', async () => {
    const r = ok(await classify(report(GMAIL_FAIL)));
    expect(r.dmarcFail).toEqual({ domain: 'example.net', line: expect.stringContaining('dmarc=fail') });
    const v = r.recipients[0];
    expect(v).toMatchObject({ recipient: 'kim@example.org', reason: 'userunknown', permanent: true, hard: false, senderUnverified: true });
    expect(v.evidence).toContainEqual({ source: 'headers', text: expect.stringMatching(/^Authentication-Results: mx\.google\.com;.*dmarc=fail/), gave: 'dmarc' });
    const a = advise(v);
    expect(a.suppress).toBe(false);
    expect(a.headline).toMatch(/kim@example\.org cannot receive mail, but its sender could not be verified \(DMARC\)/);
    expect(a.whatHappened).toContain('it means the mailbox does not exist');
  });

  it('stands when DMARC passed, or when no DMARC result is recorded', async () => {
    for (const top of [GMAIL_PASS, '', 'Authentication-Results: mx.example.com; spf=none smtp.helo=mx.example.net; dmarc=none header.from=example.net']) {
      const r = ok(await classify(report(top)));
      expect(r.dmarcFail, top).toBeUndefined();
      expect(r.recipients[0], top).toMatchObject({ hard: true });
      expect(r.recipients[0].senderUnverified, top).toBeUndefined();
      expect(advise(r.recipients[0]).suppress, top).toBe(true);
    }
  });

  it("trusts only the topmost Authentication-Results, the receiving mailbox's own", async () => {
    // A failure recorded further down (a hop the report passed, or the sender's own words) is not the reader's.
    const lower = report(`${GMAIL_PASS}\nReceived: from mx.example.net by relay.example.com\n${GMAIL_FAIL.replace('mx.google.com', 'relay.example.com')}`);
    expect(ok(await classify(lower)).recipients[0]).toMatchObject({ hard: true });
    const upper = report(`${GMAIL_FAIL}\nReceived: from mx.example.net by relay.example.com\n${GMAIL_PASS.replace('mx.google.com', 'relay.example.com')}`);
    expect(ok(await classify(upper)).recipients[0]).toMatchObject({ hard: false, senderUnverified: true });
  });

  it("leaves a policy refusal as it is: it suppressed nothing", async () => {
    const r = ok(await classify(report(GMAIL_FAIL, '5.7.1', 'Message rejected as spam')));
    expect(r.dmarcFail?.domain).toBe('example.net');
    expect(r.recipients[0].hard).toBe(false);
    expect(r.recipients[0].senderUnverified).toBeUndefined();
    expect(advise(r.recipients[0]).headline).not.toMatch(/DMARC/);
  });

  it("reads every field the receiving service wrote, and only those", () => {
    const read = (fields: string[]) => dmarcFailure(parseHeaderLines(`${fields.map((f) => `Authentication-Results: ${f}`).join('\n')}\nFrom: postmaster@example.net\n`));
    // iCloud writes one field per check, under names of one domain; Proton and OpenDMARC put DMARC's below another's.
    expect(read(['bimi.icloud.com; bimi=skipped reason="insufficient dmarc"', 'dmarc.icloud.com; dmarc=fail header.from=example.net', 'dkim-verifier.icloud.com; dkim=none'])).toMatchObject({ domain: 'example.net' });
    expect(read(['mail.example.com (amavis); dkim=none', 'mail.example.com; dmarc=fail (p=none dis=none) header.from=example.net'])).toMatchObject({ domain: 'example.net' });
    // A pass in one field does not cancel a failure in another of the same service.
    expect(read(['mx.example.com; dmarc=pass header.from=example.net', 'mx.example.com; dmarc=fail header.from=example.net'])).toBeDefined();
    // A field under another name is not the receiver's: a hop the report passed, or the sender's own words.
    expect(read(['mx.google.com; dmarc=pass header.from=example.net', 'relay.example.org; dmarc=fail header.from=example.net'])).toBeUndefined();
    expect(read(['mx.example.co.uk; dmarc=pass header.from=example.net', 'mx.other.co.uk; dmarc=fail header.from=example.net'])).toBeUndefined();
    // A short registered name under a country's domain is one service, not a registry's second level.
    expect(read(['mx1.gmx.de; spf=pass smtp.helo=mx.example.net', 'mx2.gmx.de; dmarc=fail header.from=example.net'])).toMatchObject({ domain: 'example.net' });
    expect(read(['mx.example.ne.jp; dmarc=pass header.from=example.net', 'mx.other.ne.jp; dmarc=fail header.from=example.net'])).toBeUndefined();
  });

  it('reads clauses around quoted strings and nested comments, and doubts a field it cannot read whole', () => {
    const read = (field: string) => dmarcFailure(parseHeaderLines(`Authentication-Results: ${field}\nFrom: postmaster@example.net\n`));
    // A sender's quoted local part cannot hide the failure, nor a quoted reason invent one.
    expect(read('mx.example.com; spf=pass smtp.mailfrom="x;dmarc=pass"@example.net; dmarc=fail header.from=example.net')).toMatchObject({ domain: 'example.net' });
    expect(read('mx.example.com; dkim=pass reason="signature ok; dmarc=fail would need a bad key"; dmarc=pass header.from=example.net')).toBeUndefined();
    expect(read('mx.example.com; spf=pass (best guess (helo) record; dmarc=fail is not ours) smtp.helo=mx.example.net; dmarc=pass')).toBeUndefined();
    // The evidence is the failing clause, however long the field before it.
    const long = read(`mx.example.com; spf=pass (${'x'.repeat(2000)}) smtp.mailfrom=example.net; dmarc=fail (p=NONE) header.from=example.net`);
    expect(long?.line).toBe('Authentication-Results: mx.example.com; dmarc=fail (p=NONE) header.from=example.net');
    // A comment left open, or a field cut at the reader's limit, records no "none".
    expect(read(`mx.example.com; spf=pass ${')'.repeat(5000)}${'('.repeat(5000)}; dmarc=fail header.from=example.net`)).toMatchObject({ line: expect.stringMatching(/cannot be read whole/), unreadable: true });
    expect(read('mx.example.com; dmarc=fail header.from=example.net')?.unreadable).toBeUndefined();
    expect(read(`mx.example.com; ${'dkim=pass header.i=@example.net; '.repeat(700)}dmarc=fail header.from=example.net`)?.line).toMatch(/cannot be read whole/);
  });

  it('reads the layouts of the receiving systems', () => {
    const read = (field: string) => dmarcFailure(parseHeaderLines(`${field}\nFrom: postmaster@example.net\n`));
    // Microsoft writes no authserv-id, and no spaces after its semicolons.
    expect(read('Authentication-Results: spf=fail (sender IP is 192.0.2.7) smtp.mailfrom=example.net; dkim=none (message not signed) header.d=none;dmarc=fail action=none header.from=Example.NET;compauth=fail reason=000')).toMatchObject({ domain: 'example.net' });
    // Without header.from, the From field's domain.
    expect(read('Authentication-Results: mx.example.com; dmarc=fail')).toMatchObject({ domain: 'example.net' });
    // A result in a comment is no result; nor are pass, bestguesspass, none, temperror.
    expect(read('Authentication-Results: mx.example.com; spf=pass (dmarc=fail seen earlier) smtp.mailfrom=example.net')).toBeUndefined();
    for (const result of ['pass', 'bestguesspass', 'none', 'temperror', 'failed'])
      expect(read(`Authentication-Results: mx.example.com; dmarc=${result} header.from=example.net`), result).toBeUndefined();
    // A huge field is read only so far, and its evidence is cut.
    const huge = read(`Authentication-Results: mx.example.com; dmarc=fail header.from=example.net; ${'x'.repeat(100_000)}`);
    expect(huge?.line.length).toBeLessThanOrEqual(300);
  });

  it('is a question only raw messages answer: page text and pastes carry no such field', async () => {
    const text = `${GMAIL_FAIL}\n\n<kim@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command)\n`;
    const r = ok(await classifyText(text));
    expect(r.dmarcFail).toBeUndefined();
    expect(r.recipients.find((v) => v.recipient === 'kim@example.org')).toMatchObject({ hard: true });
  });

  it("doubts a report a forged message carries, and believes one a verified person forwards", async () => {
    const forward = (top: string) => `${top}\nFrom: Bob <bob@example.com>\nTo: it@example.com\nSubject: Fwd: Undelivered Mail Returned to Sender\n\nThis bounced.\n\n---------- Forwarded message ---------\nFrom: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nSubject: Undelivered Mail Returned to Sender\nTo: <bob@example.com>\n\n<kim@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown\n    (in reply to RCPT TO command)\n`;
    // The reader's mailbox found the "colleague" forwarding it forged.
    const forged = ok(await classify(forward(GMAIL_FAIL.replaceAll('example.net', 'example.com'))));
    expect(forged.recipients.map((v) => [v.recipient, v.hard, v.senderUnverified])).toEqual([['kim@example.org', false, true]]);
    expect(forged.dmarcFail?.domain).toBe('example.com');
    const verified = ok(await classify(forward(GMAIL_PASS.replaceAll('example.net', 'example.com'))));
    expect(verified.recipients.map((v) => [v.recipient, v.hard])).toEqual([['kim@example.org', true]]);
    expect(verified.dmarcFail).toBeUndefined();
  });
});
