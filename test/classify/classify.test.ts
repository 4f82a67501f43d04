import { describe, expect, it } from 'vitest';
import { classify, classifyText, MAX_INPUT_BYTES } from '../../lib/classify/classify';
import type { Classification, ClassifyResult } from '../../lib/types';
import { readMessage } from '../corpus/corpus';
import { SHARED_CORPUS, needShared } from '../shared-data';

const NO_CORPUS = needShared('corpus', "the two checks of Gmail's page text against its raw message");

function ok(r: ClassifyResult): Classification {
  if (r.kind === 'error') throw new Error(r.error);
  return r;
}

const POSTFIX = `From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
To: sender@example.org
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

<dead@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1
    <dead@example.com>: Recipient address rejected: User unknown in local
    recipient table (in reply to RCPT TO command)

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; dead@example.com
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 550 5.1.1 <dead@example.com>: Recipient address
    rejected: User unknown in local recipient table

--B
Content-Type: text/rfc822-headers

From: Sender <sender@example.org>
To: dead@example.com
Subject: Invoice 42
Message-ID: <42@example.org>
Date: Mon, 2 Nov 2026 10:00:00 +0000

--B--
`;

describe('classify: raw messages', () => {
  it('reads an RFC 3464 report: recipient, codes, reason, evidence and the original', async () => {
    const r = ok(await classify(POSTFIX));
    expect(r.kind).toBe('bounce');
    expect(r.reportingMta).toBe('mx.example.net');
    expect(r.original).toEqual({ subject: 'Invoice 42', messageId: '<42@example.org>', from: 'Sender <sender@example.org>', to: 'dead@example.com', date: 'Mon, 2 Nov 2026 10:00:00 +0000' });
    expect(r.recipients).toHaveLength(1);
    const v = r.recipients[0];
    expect(v).toMatchObject({ recipient: 'dead@example.com', action: 'failed', status: '5.1.1', reply: '550', reason: 'userunknown', permanent: true, hard: true, remoteMta: 'mx.example.com' });
    expect(v.evidence.some((e) => e.source === 'delivery-status' && e.text.startsWith('Status: 5.1.1'))).toBe(true);
  });

  it('gives the same verdict for CRLF, bare CR and bytes', async () => {
    const lf = ok(await classify(POSTFIX)).recipients;
    const strip = (c: ClassifyResult) => ok(c).recipients.map(({ evidence, ...rest }) => rest);
    expect(strip(await classify(POSTFIX.replace(/\n/g, '\r\n')))).toEqual(strip({ ...ok(await classify(POSTFIX)), recipients: lf }));
    expect(strip(await classify(POSTFIX.replace(/\n/g, '\r')))).toEqual(lf.map(({ evidence, ...rest }) => rest));
    expect(strip(await classify(new TextEncoder().encode(POSTFIX)))).toEqual(lf.map(({ evidence, ...rest }) => rest));
  });

  it('reads a qmail text bounce with two recipients', async () => {
    const r = ok(
      await classify(`From: MAILER-DAEMON@mx.example.net
To: sender@example.org
Subject: failure notice

Hi. This is the qmail-send program at mx.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<a@example.com>:
192.0.2.1 does not like recipient.
Remote host said: 550 5.1.1 <a@example.com>... User unknown
Giving up on 192.0.2.1.

<b@example.com>:
192.0.2.2 failed after I sent the message.
Remote host said: 552 5.2.2 Mailbox full

--- Below this line is a copy of the message.

From: sender@example.org
To: a@example.com, b@example.com
`),
    );
    expect(r.recipients.map((v) => [v.recipient, v.reply, v.status, v.reason, v.hard])).toEqual([
      ['a@example.com', '550', '5.1.1', 'userunknown', true],
      ['b@example.com', '552', '5.2.2', 'mailboxfull', false],
    ]);
  });

  it('never suppresses for a policy block, even on 5xx', async () => {
    const r = ok(
      await classifyText(`Address not found? No: Message blocked
Your message to customer@example.com has been blocked. See technical details below.
The response was:
550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy.`),
    );
    expect(r.recipients[0]).toMatchObject({ recipient: 'customer@example.com', status: '5.7.26', reply: '550', reason: 'authfailure', permanent: true, hard: false });
  });

  it('knows delay notices', async () => {
    const r = ok(
      await classify(`From: Mail Delivery System <MAILER-DAEMON@example.net>
Subject: Delayed Mail (still being retried)
Content-Type: multipart/report; report-type=delivery-status; boundary="D"

--D
Content-Type: message/delivery-status

Final-Recipient: rfc822; slow@example.com
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.example.com[192.0.2.9]:25: Connection timed out
--D--
`),
    );
    expect(r.kind).toBe('delay');
    expect(r.recipients[0]).toMatchObject({ action: 'delayed', status: '4.4.1', permanent: false, hard: false, reason: 'networkerror' });
  });

  it('knows success reports, feedback reports and auto-replies', async () => {
    const delivered = ok(await classify('From: postmaster@example.net\nContent-Type: multipart/report; report-type=delivery-status; boundary="S"\n\n--S\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; ok@example.com\nAction: delivered\nStatus: 2.0.0\n--S--\n'));
    expect(delivered.kind).toBe('delivered');
    expect(delivered.recipients[0]).toMatchObject({ reason: 'delivered', permanent: false, hard: false });

    const arf = ok(await classify('From: fbl@example.net\nContent-Type: multipart/report; report-type=feedback-report; boundary="F"\n\n--F\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nOriginal-Rcpt-To: angry@example.com\n--F--\n'));
    expect(arf.kind).toBe('feedback');
    expect(arf.recipients[0]).toMatchObject({ recipient: 'angry@example.com', reason: 'feedback', feedback: 'abuse', status: '', reply: '' });

    const vacation = ok(await classify('From: away@example.com\nTo: me@example.org\nSubject: Automatic reply: Hello\nAuto-Submitted: auto-replied\n\nI am out of the office.\nPlease write to my colleague <desk@example.com> instead.\n'));
    expect(vacation.kind).toBe('autoreply');
    // The one who is away is the recipient; the colleague the reply points to is not.
    expect(vacation.recipients.map((r) => [r.recipient, r.reason])).toEqual([['away@example.com', 'vacation']]);
  });

  it('reads Amazon SES JSON notifications', async () => {
    const message = JSON.stringify({
      notificationType: 'Bounce',
      bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'gone@example.com', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }], reportingMTA: 'dsn; a1.smtp-out.amazonses.com' },
      mail: { commonHeaders: { subject: 'Hi', from: ['Ann <ann@example.org>'], to: ['gone@example.com'] } },
    });
    const r = ok(await classify(`From: no-reply@sns.amazonaws.com\nSubject: AWS Notification Message\n\n${JSON.stringify({ Type: 'Notification', Message: message })}`));
    expect(r.recipients[0]).toMatchObject({ recipient: 'gone@example.com', status: '5.1.1', reply: '550', reason: 'userunknown', hard: true });
    expect(r.original).toMatchObject({ subject: 'Hi', from: 'Ann <ann@example.org>', to: 'gone@example.com' });
  });

  it("reads SES's events inside an SNS envelope too", async () => {
    const event = JSON.stringify({ eventType: 'Bounce', mail: { destination: ['gone@example.com'] }, bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'gone@example.com', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }] } });
    const r = ok(await classify(`From: no-reply@sns.amazonaws.com\nSubject: AWS Notification Message\n\n${JSON.stringify({ Type: 'Notification', Message: event })}`));
    expect(r.recipients.map((v) => [v.recipient, v.hard])).toEqual([['gone@example.com', true]]);
  });

  it("reads SES's delivery-delay event as a delay and its reject event as a virus found, neither suppressing", async () => {
    const mail = { destination: ['kim@example.org'], commonHeaders: { subject: 'Hi', from: ['Ann <ann@example.org>'], to: ['kim@example.org'] } };
    const wrap = (event: object) => `From: no-reply@sns.amazonaws.com\nSubject: AWS Notification Message\n\n${JSON.stringify(event)}`;
    const delay = ok(await classify(wrap({ eventType: 'DeliveryDelay', mail, deliveryDelay: { delayType: 'MailboxFull', delayedRecipients: [{ emailAddress: 'kim@example.org', status: '4.2.2', diagnosticCode: 'smtp; 452 4.2.2 Mailbox full' }] } })));
    expect([delay.kind, ...delay.recipients.map((v) => [v.recipient, v.reason, v.hard])]).toEqual(['delay', ['kim@example.org', 'mailboxfull', false]]);
    const reject = ok(await classify(wrap({ eventType: 'Reject', mail, reject: { reason: 'Bad content' } })));
    expect([reject.kind, ...reject.recipients.map((v) => [v.recipient, v.reason, v.hard])]).toEqual(['bounce', ['kim@example.org', 'virusdetected', false]]);
  });

  it('reads a Final-Recipient whose address is folded onto the next line, each recipient its own', async () => {
    const dsn = POSTFIX.replace('Final-Recipient: rfc822; dead@example.com', `Final-Recipient: rfc822;
    full@example.com
Action: failed
Status: 5.2.2
Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

Final-Recipient: rfc822;
    dead@example.com`);
    const r = ok(await classify(dsn));
    expect(r.recipients.map((v) => [v.recipient, v.hard])).toEqual([['full@example.com', false], ['dead@example.com', true]]);
  });

  it("keeps only a well-formed status from an SES notification: its JSON is the sender's to write", async () => {
    const message = (status: string) =>
      JSON.stringify({
        notificationType: 'Bounce',
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'gone@example.com', action: 'failed', status, diagnosticCode: 'smtp; 550 user unknown' }] },
      });
    for (const status of ['=1+2', '\t=2', '5.1', '9.9.9']) {
      const r = ok(await classify(`From: no-reply@sns.amazonaws.com\nSubject: AWS Notification Message\n\n${message(status)}`));
      expect(r.recipients[0].status, status).toMatch(/^[245]\.\d{1,3}\.\d{1,3}$/);
      expect(r.recipients[0].statusImplied, status).toBe(true);
    }
  });

  it("never gives one recipient another's cause, and reads a Status comment as the recipient's words", async () => {
    const report = (bStatus: string) => `From: MAILER-DAEMON@mx.example.net
To: sender@example.org
Subject: Returned mail
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Delivery to these recipients failed:
  a@example.com: 550 5.1.1 user unknown
  b@example.net

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; a@example.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 user unknown

Final-Recipient: rfc822; b@example.net
Action: delayed
Status: ${bStatus}

--B--
`;
    const plain = ok(await classify(report('4.0.0')));
    expect(plain.recipients.map((r) => [r.recipient, r.reason, r.hard])).toEqual([
      ['a@example.com', 'userunknown', true],
      ['b@example.net', 'onhold', false],
    ]);
    const commented = ok(await classify(report('4.0.0 (example.net: host name lookup failure)')));
    expect(commented.recipients[1]).toMatchObject({ recipient: 'b@example.net', reason: 'networkerror', hard: false });
  });

  it('reads a bounce from "System Administrator" returned inside a notice that names nobody', async () => {
    const r = ok(await classify(`From: Mail Gateway <gateway@corp.example>
To: bob@sender.example
Subject: Message returned
Content-Type: multipart/mixed; boundary="G"

--G
Content-Type: text/plain

A message addressed to you was returned; it is attached.

--G
Content-Type: message/rfc822

From: System Administrator <sysadmin@corp.example>
To: bob@sender.example
Subject: Undeliverable: Offer

Your message did not reach some or all of the intended recipients.

      kim@example.org on 3/2/2026 9:14 AM
            The e-mail account does not exist at the organization this message was sent to.
            <mx.example.org #5.1.1 smtp;550 5.1.1 User unknown>
--G--
`));
    expect(r.recipients.map((v) => [v.recipient, v.hard])).toEqual([['kim@example.org', true]]);
  });

  it('reads a bounce returned inside a notice that names nobody', async () => {
    const wrapped = `From: Mail Delivery Subsystem <MAILER-DAEMON@gw.example.co.jp>
To: sender@example.org
Subject: Returned mail
Content-Type: multipart/mixed; boundary="OUT"

--OUT
Content-Type: text/plain

----- The following addresses had permanent delivery errors -----

--OUT
Content-Type: message/rfc822

${POSTFIX.replace('To: sender@example.org', 'To: sender@example.org\nX-Note: inner')}
--OUT--
`;
    const r = ok(await classify(wrapped));
    expect(r.recipients.map((x) => [x.recipient, x.status, x.reason, x.hard])).toEqual([['dead@example.com', '5.1.1', 'userunknown', true]]);
    // A notice that does name its recipient keeps its own verdict.
    const named = ok(await classify(wrapped.replace('-----\n', '-----\nother@example.net\n')));
    expect(named.recipients.map((x) => x.recipient)).toEqual(['other@example.net']);
    // ... unless it names, in words alone, the address the returned bounce gives a code for
    // (a list's "dead@example.com's bounce score was incremented" over the bounce itself).
    const same = ok(await classify(wrapped.replace('-----\n', '-----\ndead@example.com\nlist@lists.example.net\n')));
    expect(same.recipients.map((x) => [x.recipient, x.status, x.reason, x.hard])).toEqual([['dead@example.com', '5.1.1', 'userunknown', true]]);
  });

  it("reads a mailing list's refusal of a non-member's post as a refused sender", async () => {
    const msg = (body: string) => `From: cats-admin@lists.example.org
To: poster@example.com
Subject: You are not member (cats ML)
List-Id: <cats.lists.example.org>
X-MLServer: fml [fml 4.0.3]

${body}
`;
    const refusal = ok(await classify(msg('You are not a member of this mailing list <cats@lists.example.org>.\n\nSend "guide" to cats-ctl@lists.example.org.')));
    expect(refusal.kind).toBe('bounce');
    expect(refusal.recipients.map((x) => [x.recipient, x.reason, x.hard])).toEqual([['cats@lists.example.org', 'rejected', false]]);
    // An ordinary post from the same list is not a bounce.
    expect(ok(await classify(msg('Our meeting moves to Friday. Write to cats@lists.example.org with questions.'))).kind).toBe('not-bounce');
  });

  it('says when a message is not a bounce', async () => {
    const r = ok(await classify('From: friend@example.com\nTo: me@example.org\nSubject: lunch?\n\nAre you free at noon?\n'));
    expect(r).toMatchObject({ kind: 'not-bounce', recipients: [] });
  });

  it("takes a notice about the reader's own mailbox for no bounce, unless it returns a message or names another address", async () => {
    const notice = (body: string) =>
      `From: "Mail Delivery System" <mailer-daemon@mailbox-verify.example>\nTo: bob@example.org\nSubject: Undelivered Mail: 4 messages pending\n\n${body}\n`;
    // Phishing dressed as a quota bounce, and a postmaster's real quota warning: only the reader is named.
    const phish = notice('4 incoming messages to bob@example.org were not delivered because your mailbox is over its quota (552 5.2.2 Mailbox full). Release them here.');
    expect(ok(await classify(phish)).kind).toBe('not-bounce');
    expect(ok(await classify(notice('Your mailbox bob@example.org is 96% full. When it is full, mail to you will be refused with "552 5.2.2 Mailbox full".'))).kind).toBe('not-bounce');
    // and a "held messages" phish about mail coming to the reader
    expect(ok(await classify(notice('Your message could not be delivered. 4 messages addressed to you are held on the server (error code 550 5.1.1). Release them within 48 hours.'))).kind).toBe('not-bounce');
    // A bounce about another mailbox, or one that returns the message, stays a bounce.
    const other = ok(await classify(notice('Your message to kim@example.net could not be delivered: 552 5.2.2 your mailbox is full.')));
    expect(other.kind).toBe('bounce');
    expect(other.recipients.map((v) => v.recipient)).toEqual(['kim@example.net']);
    const returned = notice('Your message could not be delivered: 552 5.2.2 your mailbox is full.\n\n--- Below this line is a copy of the message.\n\nTo: bob@example.org\nSubject: hello\n\nhi');
    expect(ok(await classify(returned)).kind).toBe('bounce');
  });

  it('does not take a report at its word when it calls dead the address it was delivered to', async () => {
    const report = (to: string, failed: string) =>
      `From: Mail Delivery Subsystem <mailer-daemon@mx.example.net>\nTo: ${to}\nSubject: Delivery Status Notification (Failure)\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\nYour message was not delivered.\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; ${failed}\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n--b--\n`;
    // A mailbox that received the report exists: a forged "bounce" telling its reader to drop their own address.
    const forged = ok(await classify(report('Bob <Bob@Example.com>', 'bob@example.com'))).recipients[0];
    expect(forged).toMatchObject({ reason: 'userunknown', hard: false, contradictsDelivery: true });
    // The usual report, to the sender about another address, stands.
    const usual = ok(await classify(report('bob@example.com', 'kim@example.org'))).recipients[0];
    expect(usual).toMatchObject({ reason: 'userunknown', hard: true });
    expect(usual.contradictsDelivery).toBeUndefined();
    // The reader is known by Delivered-To too, and an IDN domain in either spelling is one domain.
    const hidden = report('undisclosed-recipients:;', 'bob@example.com').replace('To: ', 'Delivered-To: bob@example.com\nTo: ');
    expect(ok(await classify(hidden)).recipients[0]).toMatchObject({ hard: false, contradictsDelivery: true });
    expect(ok(await classify(report('kim@bücher.example', 'kim@xn--bcher-kva.example'))).recipients[0]).toMatchObject({ hard: false, contradictsDelivery: true });
    // A reply naming the reader's address is about that recipient, not a refusal of the sender.
    const named = ok(await classify(report('bob@example.com', 'bob@example.com').replace('550 5.1.1 user unknown', '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown'))).recipients[0];
    expect(named).toMatchObject({ reason: 'userunknown', hard: false, contradictsDelivery: true });
  });

  it("names the reader when a report's text names no one else as failed, and when a person forwards it inline", async () => {
    const qmail =
      "From: MAILER-DAEMON@mx.example.net\nTo: bob@example.com\nSubject: failure notice\n\nHi. This is the qmail-send program at mx.example.net.\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n<bob@example.com>:\nSorry, no mailbox here by that name. (#5.1.1)\n";
    expect(ok(await classify(qmail)).recipients.map((v) => [v.recipient, v.hard, v.contradictsDelivery])).toEqual([['bob@example.com', false, true]]);
    const forward =
      'From: Bob <bob@example.com>\nTo: it@example.com\nSubject: Fwd: Undelivered Mail Returned to Sender\n\nLooks odd.\n\n---------- Forwarded message ---------\nFrom: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nSubject: Undelivered Mail Returned to Sender\nTo: <bob@example.com>\n\n\nI\'m sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<bob@example.com>: host mx.example.com[192.0.2.10] said: 550 5.1.1 User unknown\n    (in reply to RCPT TO command)\n';
    expect(ok(await classify(forward)).recipients.map((v) => [v.recipient, v.hard, v.contradictsDelivery])).toEqual([['bob@example.com', false, true]]);
    // A genuine report that names its reader only as the sender or addressee ("Your message from
    // <bob@…>", "Delivery report for bob@…") still names nobody: the dead address is in the
    // message sent, and the report is not called forged.
    for (const prose of ['Your message from <bob@example.com> could not be delivered.\n\n550 5.1.1 User unknown', 'Delivery report for bob@example.com\n\nDelivery failed: 550 5.1.1 No such user', 'bob@example.com, your message could not be delivered: 550 5.1.1 user unknown']) {
      const r = ok(await classify(`From: MAILER-DAEMON@mx.example.net\nTo: bob@example.com\nSubject: Undelivered Mail Returned to Sender\n\n${prose}\n`));
      expect(r.recipients.map((v) => [v.recipient, v.hard, v.contradictsDelivery ?? false]), prose).toEqual([['', true, false]]);
    }
    // Gmail's wording, naming the reader as the address it could not deliver to, does.
    const gmail = ok(await classify("From: MAILER-DAEMON@mx.example.net\nTo: bob@example.com\nSubject: Delivery Status Notification (Failure)\n\nYour message wasn't delivered to bob@example.com because the address couldn't be found.\n\n550 5.1.1 The email account that you tried to reach does not exist.\n"));
    expect(gmail.recipients.map((v) => [v.recipient, v.hard, v.contradictsDelivery])).toEqual([['bob@example.com', false, true]]);
  });

  it('never takes a help desk or the new address of a moved mailbox for a failed recipient', async () => {
    const notice = (body: string) => `From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: sales@example.com\nSubject: Undeliverable: order 42\n\n${body}\n`;
    const moved = ok(await classify(notice('Delivery has failed to these recipients or groups:\n\nkim@example.org\nThe recipient has changed address. Please update your records to the new address kim.new@example.net\n\nRemote Server returned \'550 5.1.1 RESOLVER.ADR.RecipNotFound; not found\'')));
    expect(moved.recipients.map((v) => v.recipient)).toEqual(['kim@example.org']);
    const desk = ok(await classify(notice('550 5.1.1 <kim@example.org>: user unknown\n\nQuestions? Write to support@mx.example.net.')));
    expect(desk.recipients.map((v) => v.recipient)).toEqual(['kim@example.org']);
    // Nor is a help desk named just before its address, as admins word Exchange's notices.
    for (const line of ['If the problem continues, contact your helpdesk at desk@example.com.', 'Contact your administrator (admin@example.com).', "Ask the recipient's email admin at it@example.org."]) {
      expect(ok(await classify(notice(`550 5.1.1 <kim@example.org>: user unknown\n\n${line}`))).recipients.map((v) => v.recipient), line).toEqual(['kim@example.org']);
    }
    // A failure to write to an address is no invitation to write to it.
    expect(ok(await classify(notice('Could not write to kim@example.org: 550 5.1.1 user unknown'))).recipients.map((v) => [v.recipient, v.hard])).toEqual([['kim@example.org', true]]);
    // A notice saying it could not send to an address names that address as failed.
    for (const failed of ['Failed to send email to kim@example.org: 550 5.1.1 user unknown', 'We could not send e-mail to kim@example.org.\n\n550 5.1.1 The email account that you tried to reach does not exist.']) {
      const r = ok(await classify(notice(failed)));
      expect(r.recipients.map((v) => [v.recipient, v.hard]), failed).toEqual([['kim@example.org', true]]);
    }
  });

  it('names nobody for a recipient field that holds a URL or a group, not an address', async () => {
    const dsn = (field: string) =>
      `From: MAILER-DAEMON@mx.example.net\nTo: bob@example.com\nSubject: Delivery Status Notification (Failure)\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\nFailed.\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; ${field}\nAction: failed\nStatus: 5.1.1\n--b--\n`;
    for (const field of ['https://track.example.net/r?addr=kim@example.org&t=1', 'undisclosed-recipients:;']) {
      expect(ok(await classify(dsn(field))).recipients.map((v) => v.recipient), field).toEqual(['']);
    }
    // a bare local part, or a domain literal, may still name a mailbox
    expect(ok(await classify(dsn('kim'))).recipients.map((v) => v.recipient)).toEqual(['kim']);
  });

  it("takes a mail system's notice that quotes codes only in prose, or reports a delivered message, for no bounce", async () => {
    const notice = (subject: string, body: string) => `From: Postmaster Team <postmaster@provider.example>\nTo: admin@example.com\nSubject: ${subject}\n\n${body}\n`;
    const rules = 'From next month, mail from bulk senders that fail these checks will be deferred with 421 4.7.26 or refused with 550 5.7.26.';
    expect(ok(await classify(notice('New sender requirements', rules))).kind).toBe('not-bounce');
    // The same sender stays a bounce's once its subject, its words or an address name a failure.
    expect(ok(await classify(notice('Undeliverable: invoice', rules))).kind).toBe('bounce');
    expect(ok(await classify(notice('Notice', 'Your message could not be delivered: 550 5.7.26 unauthenticated mail.'))).kind).toBe('bounce');
    expect(ok(await classify(notice('Notice', '550 5.7.26 <kim@example.org>: unauthenticated mail refused.'))).recipients.map((v) => v.recipient)).toEqual(['kim@example.org']);
    const tip = 'From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.com>\nTo: bob@example.com\nSubject: Notification: Your email message conflicts with a policy in your organization\n\nRecipient(s): kim@example.org\nPolicy: Financial data\n\nYour message was delivered. It contains sensitive information.\n';
    expect(ok(await classify(tip)).kind).toBe('not-bounce');
    expect(ok(await classify(tip.replace('was delivered.', 'was delivered to some recipients, but delivery to kim@example.org failed.'))).kind).toBe('bounce');
  });

  it("takes Courier's return receipts, which share its failure notice's subject and sender, for what they are", async () => {
    // courier/module.dsn: dsnheader.txt, then dsndelivered.txt, dsnrelayed.txt or dsnfailed.txt.
    const head = 'This is a delivery status notification from mx.example.org,\nrunning the Courier mail server, version 1.0.\n\nThe original message was received on Mon, 7 Dec 2026 10:00:00 +0000\nfrom example.net [192.0.2.1]\n\n' + '-'.repeat(75) + '\n\n';
    const delivered = `${head}                    MESSAGE DELIVERED SUCCESSFULLY\n\nYour E-mail requested a delivery notice/return receipt for the following\naddresses:\n\n<kim@example.org>: delivered to mailbox\n`;
    const relayed = `${head}                   MESSAGE DELIVERED TO A MAIL GATEWAY\n\nYou requested a delivery acknowledgement (a return receipt) for the\nfollowing recipients of your E-mail message.  Unfortunately, your message\nhas been transferred to an intermediate mail gateway that is not capable\nof generating delivery acknowledgements.\n\nUnless your message is eventually returned as undeliverable, you may not\nreceive any further delivery notices for the following addresses:\n\n<kim@example.org>: relayed\n`;
    const failed = `${head}                           UNDELIVERABLE MAIL\n\nYour message to the following recipients cannot be delivered:\n\n<kim@example.org>:\n    mx.example.com [192.0.2.2]:\n>>> RCPT TO:<kim@example.org>\n<<< 550 5.1.1 No such user\n`;
    const from = '"Courier mail server at mx.example.org" <@>';
    const subject = 'NOTICE: mail delivery status.';
    for (const body of [delivered, relayed]) {
      expect(ok(await classify(`From: ${from}\nTo: ann@example.net\nSubject: ${subject}\n\n${body}`)).kind).toBe('delivered');
      expect(ok(await classifyText(body, { from, subject })).kind).toBe('delivered');
    }
    expect(ok(await classifyText(failed, { from, subject })).kind).toBe('bounce');
    expect(ok(await classifyText(delivered + failed.slice(head.length), { from, subject })).kind).toBe('bounce');
  });
});

describe("classify: Gmail's page text and its raw message agree", () => {
  it.skipIf(NO_CORPUS)('reads the server\'s words under "The response was:", not Gmail\'s summary above them', async () => {
    const text = ok(
      await classifyText(
        "** Address not found **\n\nYour message wasn't delivered to kim@exmaple.com because the domain exmaple.com couldn't be found. Check for typos or unnecessary spaces and try again.\n\nThe response was:\n\nDNS Error: 4128093 DNS type 'mx' lookup of exmaple.com responded with code NXDOMAIN\nDomain name not found: exmaple.com",
        { subject: 'Delivery Status Notification (Failure)', from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>' },
      ),
    ).recipients[0];
    expect(text.diagnostic).toMatch(/^DNS Error: /);
    const raw = ok(await classify(readMessage(SHARED_CORPUS, 'bsd', 'lhost-gsuite-04.eml'))).recipients[0];
    expect([text.reason, text.hard]).toEqual([raw.reason, raw.hard]);
  });

  it.skipIf(NO_CORPUS)('reads a null MX as final in both, though the raw report gives it 4.0.0 (RFC 7505)', async () => {
    const raw = ok(await classify(readMessage(SHARED_CORPUS, 'bsd', 'lhost-gsuite-10.eml'))).recipients[0];
    expect(raw).toMatchObject({ status: '4.0.0', reason: 'notaccept', permanent: true, hard: true });
    const text = ok(
      await classifyText(
        "** Address not found **\n\nYour message wasn't delivered to neko@example.org because the domain example.org couldn't be found.\n\nThe response was:\n\nDNS Error: 24275403 DNS type 'mx' lookup of example.org responded with code NOERROR\nThe domain example.org doesn't receive email according to the administrator: returned Null MX https://www.rfc-editor.org/info/rfc7505",
        { subject: 'Delivery Status Notification (Failure)', from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>' },
      ),
    ).recipients[0];
    expect([text.reason, text.permanent, text.hard]).toEqual([raw.reason, raw.permanent, raw.hard]);
    // A delay notice's recipient is still being tried, whatever its words.
    const delay = ok(
      await classify(
        'From: MAILER-DAEMON@mx.example.net\nTo: a@example.com\nSubject: Delayed Mail (still being retried)\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\nStill trying.\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; kim@example.org\nAction: delayed\nStatus: 4.4.3\nDiagnostic-Code: smtp; example.org publishes a null MX\n--b--\n',
      ),
    ).recipients[0];
    expect(delay).toMatchObject({ action: 'delayed', permanent: false, hard: false });
  });
});

describe('classify: the alias the sender wrote, in page text', () => {
  it('keeps the address a Sendmail report says the recipient was expanded from', async () => {
    const v = ok(
      await classifyText('   ----- The following addresses had permanent fatal errors -----\nkim@example.net\n    (reason: 550 5.1.1 <kim@example.net>... User Unknown)\n    (expanded from: <sales@example.org>)'),
    ).recipients[0];
    expect([v.recipient, v.sentTo, v.hard]).toEqual(['kim@example.net', 'sales@example.org', true]);
  });
});

describe('classify: addresses a report names that are not recipients', () => {
  it("never takes MailMarshal's original sender, nor an address the report's advice quotes", async () => {
    const marshal = ok(
      await classifyText(
        'Your message:\n   From:    bob@example.com\n   Subject: Figures\n\nCould not be delivered because of\n\n550 5.1.1 User unknown\n\nThe following recipients were affected:\n    kim@example.org\n\nAdditional Information\n======================\nOriginal Sender:    <bob@example.com>\nSender-MTA:         <192.0.2.250>',
      ),
    );
    expect(marshal.recipients.map((v) => [v.recipient, v.hard])).toEqual([['kim@example.org', true]]);
    const aol = ok(
      await classifyText(
        'We were unable to deliver your message to the following address\nkim@example.org\nbecause: User name of email address not valid\nCheck the "kim" part of "kim.lee@example.org" for misspellings or missing letters.\nMore information about type 5.1.1 delivery errors is available.',
        { subject: 'Undeliverable: Figures', from: 'MAILER-DAEMON@aol.com' },
      ),
    );
    expect(aol.recipients.map((v) => v.recipient)).toEqual(['kim@example.org']);
  });
});

describe('classify: a text that quotes a whole bounce', () => {
  const gateway = `I'm sorry to have to inform you that the message returned
below could not be delivered to one or more destinations.
For further assistance, please contact <support@isp.example>

---------------------------------
From MAILER-DAEMON  Thu Apr 29 23:34:45 2015
Return-Path: <>
Date: Thu, 29 Apr 2015 23:34:45 +0900
From: MAILER-DAEMON@relay.isp.example (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: someone@isp.example
Content-Type: text/plain

This is the mail system at host relay.isp.example.

<kim@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 <kim@example.net>: Recipient address rejected: User unknown (in reply to RCPT TO command)
`;

  it('reads the quoted bounce when the notice around it names nobody', async () => {
    const r = ok(await classifyText(gateway));
    expect(r.recipients.map((v) => [v.recipient, v.status, v.reply, v.reason])).toEqual([['kim@example.net', '5.1.1', '550', 'userunknown']]);
  });

  it('does not take header-like lines of ordinary text for a quoted bounce', async () => {
    const notes = 'From the desk of the editor\nTopic: budget\nOwner: kim\n\nWe could not be delivered the chairs; 550 of them are late.\n'.repeat(200);
    const r = ok(await classifyText(notes));
    expect(r.recipients.every((v) => v.recipient === '')).toBe(true);
  });
});

describe('classify: delay notices read as text', () => {
  it("are delays even when a status's detail number starts with 5 (Microsoft 4.7.500)", async () => {
    const r = ok(await classifyText('Delivery is delayed to these recipients: kim@contoso.com\nThe server will retry. This is a warning message only.\n451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (S77714)'));
    expect(r.kind).toBe('delay');
  });

  it('are still being retried: the action is delayed, not failed', async () => {
    const r = ok(await classifyText('Delivery incomplete\nThere was a temporary problem delivering your message to kim@example.com. Gmail will retry for 47 more hours. You\'ll be notified if the delivery fails permanently.\nThe response was: 421 4.7.0 Try again later, closing connection.'));
    expect(r.kind).toBe('delay');
    expect(r.recipients.map((x) => [x.recipient, x.action, x.permanent])).toEqual([['kim@example.com', 'delayed', false]]);
  });

  it('are delays in other languages, but a final report that recalls an earlier delay is not one', async () => {
    const delay = ok(await classifyText("Die Zustellung an folgende Empfänger oder Gruppen verzögert sich:\n\nkim@example.de\n\nEs wird weiterhin versucht, die Nachricht zuzustellen.\n\nRemote Server returned '451 4.4.0 DNS query failed'", { subject: 'Zustellung verzögert: Angebot' }));
    expect(delay.kind).toBe('delay');
    // The sending gave up: a temporary reply under Exchange's "Undeliverable:" in each language.
    const finals: Array<[string, string]> = [
      ['Unzustellbar: Angebot', 'Die Zustellung an diese Empfänger ist fehlgeschlagen; sie wurde zuvor verzögert.'],
      ['Non remis : Devis', "La remise a échoué ; elle avait d'abord été différée."],
      ['No se puede entregar: Presupuesto', 'No se pudo entregar; antes fue una entrega retrasada.'],
      ['配信不能: ご確認', '配信できませんでした（以前に配信の遅延がありました）。'],
    ];
    // A delay notice's own subject comes first; the original's "(Failure)" after it is not the notice's.
    const quoted = ok(await classifyText("Delivery is delayed to these recipients or groups:\n\nkim@example.de\n\nThe server will keep trying.\n\nRemote Server returned '450 4.1.1 <kim@example.de>: Recipient address rejected: unverified address'", { subject: 'Delivery delayed: RE: Delivery Status Notification (Failure)' }));
    expect(quoted.kind).toBe('delay');
    const tagged = ok(await classifyText("Delivery is delayed to these recipients or groups:\n\nkim@example.de\n\nThe server will keep trying.\n\nRemote Server returned '450 4.1.1 <kim@example.de>: Recipient address rejected: unverified address'", { subject: '[EXTERNAL] Delivery delayed: RE: Delivery Status Notification (Failure)' }));
    expect(tagged.kind).toBe('delay');
    const hashTagged = ok(await classifyText("Delivery is delayed to these recipients or groups:\n\nkim@example.de\n\nThe server will keep trying.\n\nRemote Server returned '450 4.1.1 <kim@example.de>: Recipient address rejected: unverified address'", { subject: '#External: Delivery delayed: Fwd: Delivery Status Notification (Failure)' }));
    expect(hashTagged.kind).toBe('delay');
    for (const [subject, lead] of finals) {
      const r = ok(await classifyText(`${lead}\n\nkim@example.de\n\nRemote Server returned '451 4.4.7 Message expired'`, { subject }));
      expect(r.kind, subject).toBe('bounce');
    }
  });
});

describe('classify: addresses the reply points to', () => {
  it('are not recipients: "forward this message to delist@..." names a help desk', async () => {
    const r = ok(await classifyText("Your message wasn't delivered to alice@contoso.com because of a problem with the receiving server.\n\nThe response from the remote server was:\n550 5.7.501 Access denied, spam abuse detected. To request removal from this list please forward this message to delist@microsoft.com."));
    expect(r.recipients.map((x) => x.recipient)).toEqual(['alice@contoso.com']);
    expect(r.recipients[0].diagnostic).toContain('550 5.7.501');
    // A bounce from the help desk's own address still names it.
    const own = ok(await classifyText('Delivery to abuse@example.net failed permanently:\n550 5.1.1 <abuse@example.net>: user unknown'));
    expect(own.recipients.map((x) => x.recipient)).toEqual(['abuse@example.net']);
  });
});

describe('classify: Exchange Online reports about another provider', () => {
  it('read the receiving server, not the generating one, to know whose reply it is', async () => {
    const text = (receiving: string) => `Your message to ivan@yandex.ru couldn't be delivered.\n\nDiagnostic information for administrators:\n\nGenerating server: SN6PR04MB4560.namprd04.prod.outlook.com\n${receiving}\n\nivan@yandex.ru\nRemote server returned '550 5.7.1 No such user!'\n`;
    // Yandex documents "No such user!" under 5.7.1 as an unknown user: the address is dead.
    expect(ok(await classifyText(text('Receiving server: mx.yandex.ru'))).recipients[0]).toMatchObject({ provider: 'yandex', reason: 'userunknown', hard: true });
    // Without the receiving server, a 5.7.1 never suppresses.
    expect(ok(await classifyText(text(''))).recipients[0]).toMatchObject({ provider: 'microsoft', hard: false });
  });

  // The newer layout: "Error Details" below "Original Message Details", "Reported error:" then the
  // servers, "DSN generated by:" (Exchange Online's own) and, when another server answered,
  // "Remote server:".
  const modern = (reported: string, servers: string) => `Your message to jo@example.net couldn't be delivered.\n\nMore Info for Email Admins\nStatus code: 550\n\nOriginal Message Details\nCreated Date: 3/4/2026 9:41:05 AM\nSender Address: news@example.com\nRecipient Address: jo@example.net\nSubject: Your March offers\n\nError Details\nReported error: ${reported}\nDSN generated by: SA1PR11MB8123.namprd11.prod.outlook.com\n${servers}\nMessage Hops\n`;

  it('in the newer layout, read the remote server, else the server that generated the report, to know whose reply it is', async () => {
    const authLevel = "550 5.7.515 Access denied, sending domain EXAMPLE.COM doesn't meet the required authentication level.";
    expect(ok(await classifyText(modern(authLevel, 'Remote server: CH1PEPF0000AD7B.mail.protection.outlook.com'))).recipients[0]).toMatchObject({ provider: 'microsoft', providerRow: 'microsoft.5.7.515.auth-level' });
    const limit = "550 5.1.90 Your message can't be sent because you've reached your daily limit for message recipients.";
    expect(ok(await classifyText(modern(limit, ''))).recipients[0]).toMatchObject({ provider: 'microsoft', reason: 'speeding', providerRow: 'microsoft.5.1.90.daily-recipient-limit' });
    // A remote server the tables do not know, or a remote reply quoted after Exchange's own code,
    // is no reply of Microsoft's.
    expect(ok(await classifyText(modern('552 5.3.4 Error: message file too big', 'Remote server: mx.example.net'))).recipients[0]).toMatchObject({ provider: '', reason: 'mesgtoobig', remoteMta: 'mx.example.net' });
    expect(ok(await classifyText(modern('550 5.7.350 Remote server returned message detected as spam -> 554 5.7.1 Message rejected as spam by Content Filtering', ''))).recipients[0]).toMatchObject({ provider: '', reason: 'spamdetected' });
  });

  it("names the server that refused on the card, from the report's 'Remote server:' or the 2024 layout's 'Message rejected by:'", async () => {
    const layout2024 = `Your message to jo@example.net couldn't be delivered.\n\nOriginal Message Details\nRecipient Address:\tjo@example.net\n\nError Details\nError:\t550 5.1.1 <jo@example.net>: Recipient address rejected: User unknown in virtual mailbox table\nMessage rejected by:\tmx.example.net\n\nNotification Details\nSent by:\tSA1PR11MB8123.namprd11.prod.outlook.com\n`;
    expect(ok(await classifyText(layout2024)).recipients[0]).toMatchObject({ recipient: 'jo@example.net', reason: 'userunknown', hard: true, remoteMta: 'mx.example.net' });
    // Exchange Online's own server, which only wrote the report, is no remote server.
    expect(ok(await classifyText(modern("550 5.1.90 Your message can't be sent because you've reached your daily limit for message recipients.", ''))).recipients[0].remoteMta).toBe('');
  });
});

describe("classify: a report's template against the server's words", () => {
  it('does not suppress on "the address couldn\'t be found" when the server refused the message', async () => {
    const gmail = (reply: string) => `Address not found\n\nYour message wasn't delivered to bob@fabrikam.com because the address couldn't be found, or is unable to receive mail.\n\nThe response from the remote server was:\n\n${reply}\n`;
    expect(ok(await classifyText(gmail('550 Blocked'))).recipients[0]).toMatchObject({ reason: 'filtered', hard: false });
    expect(ok(await classifyText(gmail('550 permanent failure for one or more recipients (bob@fabrikam.com:rejecting spoofed message)'))).recipients[0]).toMatchObject({ reason: 'authfailure', hard: false });
    // When the server says nothing more specific, the template stands.
    expect(ok(await classifyText(gmail('550 Requested action not taken'))).recipients[0]).toMatchObject({ reason: 'userunknown', hard: true });
  });
});

describe('classify: typographic apostrophes', () => {
  it('reads "couldn’t be delivered" as it reads "couldn\'t be delivered"', async () => {
    const text = (apostrophe: string) => `Your message couldn${apostrophe}t be delivered to kim@example.com because the address doesn${apostrophe}t exist.`;
    const straight = ok(await classifyText(text("'")));
    const curly = ok(await classifyText(text('’')));
    expect(curly.kind).toBe('bounce');
    expect(curly.recipients.map((r) => [r.recipient, r.reason])).toEqual(straight.recipients.map((r) => [r.recipient, r.reason]));
  });
});

describe('classify: the webmail text path', () => {
  it('reads Outlook\'s newer layout', async () => {
    const r = ok(
      await classifyText(`Your message to gone@example.com couldn't be delivered.
gone wasn't found at example.com.
More Info for Email Admins
Remote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'`),
    );
    expect(r.recipients[0]).toMatchObject({ recipient: 'gone@example.com', reply: '550', status: '5.1.10', reason: 'userunknown', hard: true });
  });

  it('reads delivery-status fields shown in the text, each recipient with its own codes', async () => {
    // A page that shows the report part inline: the summary names two addresses, the fields
    // say which failed for good and which is still delayed, and why.
    const r = ok(
      await classifyText(`----- The following addresses had delivery problems -----
<gone@example.com> (unrecoverable error)
<slow@example.net> (still trying)

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822;gone@example.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown

Final-Recipient: rfc822;slow@example.net
Action: delayed
Status: 4.4.1 (example.net: connection timed out)
`),
    );
    expect(r.recipients.map((x) => [x.recipient, x.action, x.status, x.reply, x.reason, x.hard])).toEqual([
      ['gone@example.com', 'failed', '5.1.1', '550', 'userunknown', true],
      ['slow@example.net', 'delayed', '4.4.1', '', 'networkerror', false],
    ]);
  });

  it("takes the address of Apache James's \"RCPT TO:\" line for the recipient, never the MAIL FROM", async () => {
    const r = ok(
      await classifyText(`Error: Invalid user address

Error message below:
550 - Requested action not taken: no such user here

Message details:
  Subject: Test message
  MAIL FROM: sender@example.org
  RCPT TO: gone@example.com
  From: sender@example.org
`),
    );
    expect(r.recipients.map((x) => [x.recipient, x.reply, x.reason])).toEqual([['gone@example.com', '550', 'userunknown']]);
  });

  it('gives back the recipient lines of a Postfix bounce pasted on one line, but leaves a one-line reply whole', async () => {
    const squashed = `This is the mail system at host mail.sender.example. I'm sorry to have to inform you that your message could not be delivered to one or more recipients. The mail system <kim@example.org>: host mx.example.org[192.0.2.25] said: 550 5.1.1 <kim@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command) <lee@example.org>: host mx.example.org[192.0.2.25] said: 552 5.2.2 <lee@example.org>: Mailbox full (in reply to RCPT TO command)`;
    const r = ok(await classifyText(squashed));
    expect(r.recipients.map((x) => [x.recipient, x.reason, x.hard])).toEqual([
      ['kim@example.org', 'userunknown', true],
      ['lee@example.org', 'mailboxfull', false],
    ]);
    const reply = '550 5.1.1 <kim@example.com>: Recipient address rejected: User unknown in virtual mailbox table; please check the address and try again, or ask the postmaster of example.com';
    expect(ok(await classifyText(reply)).recipients[0].diagnostic).toBe(reply);
  });

  it('gives back the lines of Exim and Exchange reports pasted on one line, and unescapes addresses escaped as HTML', async () => {
    const exim = `A message that you sent could not be delivered to one or more of its recipients. This is a permanent error. The following address(es) failed: kim@example.net host mx.example.net [192.0.2.30] SMTP error from remote mail server after RCPT TO:<kim@example.net>: 550 5.1.1 <kim@example.net>: Recipient address rejected: User unknown lee@example.net mailbox is full: retry timeout exceeded`;
    expect(ok(await classifyText(exim)).recipients.map((x) => [x.recipient, x.reason, x.hard])).toEqual([
      ['kim@example.net', 'userunknown', true],
      ['lee@example.net', 'mailboxfull', false],
    ]);
    const exchange = `Delivery has failed to these recipients or groups: kim@example.com The email address you entered couldn't be found. Diagnostic information for administrators: Generating server: AM9PR02MB7731.eurprd02.prod.outlook.com kim@example.com Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found' Original message headers: Received: from AM9PR02MB7731.eurprd02.prod.outlook.com by AM9PR02MB7731.eurprd02.prod.outlook.com; Mon, 7 Dec 2026 09:58:40 +0000 From: Bob <bob@sender.example> To: kim@example.com Subject: Quote`;
    const ex = ok(await classifyText(exchange));
    expect(ex.recipients.map((x) => [x.recipient, x.status, x.hard])).toEqual([['kim@example.com', '5.1.1', true]]);
    const escaped = `This is the mail system at host mail.sender.example. I'm sorry to have to inform you that your message could not be delivered to one or more recipients. The mail system &lt;kim@example.org&gt;: host mx.example.org[192.0.2.25] said: 550 5.1.1 &lt;kim@example.org&gt;: Recipient address rejected: User unknown (in reply to RCPT TO command)`;
    expect(ok(await classifyText(escaped)).recipients.map((x) => [x.recipient, x.hard])).toEqual([['kim@example.org', true]]);
  });

  it('reads a pasted text in bytes as UTF-8', async () => {
    const r = ok(await classify(new TextEncoder().encode('Unzustellbar: empfänger@example.de\n550 5.1.1 Benutzer unbekannt (user unknown)'), { text: true }));
    expect(r.recipients[0].recipient).toBe('empfänger@example.de');
  });
});

describe('classify: a failure reply pasted alone', () => {
  it('is a bounce for a recipient not named, with the reply as its diagnostic', async () => {
    const r = ok(await classifyText('550 5.7.26 This mail has been blocked because the sender is unauthenticated.'));
    expect(r.kind).toBe('bounce');
    expect(r.recipients).toHaveLength(1);
    expect(r.recipients[0]).toMatchObject({ recipient: '', reply: '550', status: '5.7.26', reason: 'authfailure', hard: false });
  });

  it('needs the reply first: a sentence that merely contains a number is not a bounce', async () => {
    expect(ok(await classifyText('Thanks for the 550 photos you sent last week, they are lovely.')).kind).toBe('not-bounce');
    expect(ok(await classifyText('200 people came to the meeting.')).kind).toBe('not-bounce');
  });
});

describe('classify: providers known by their own sentences', () => {
  it("names Gmail from its DMARC wording when no host name says who answered, as the advice does", async () => {
    const { advise } = await import('../../lib/knowledge');
    const r = ok(await classifyText("<kim@example.com>: 550 5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy."));
    expect(r.recipients[0]).toMatchObject({ provider: 'google', reason: 'authfailure', hard: false });
    expect(advise(r.recipients[0]).headline.startsWith('According to Gmail, ')).toBe(true);
  });

  it('does not name a provider from words any server might write', async () => {
    for (const reply of ['550 5.1.1 mailbox unavailable', '554 5.7.1 <kim@example.com>: Recipient address rejected: Access denied', '550 Requested action not taken: mailbox unavailable']) {
      const v = ok(await classifyText(`<kim@example.com>: ${reply}`)).recipients[0];
      expect(v.provider, reply).toBe('');
      if (reply.includes('Access denied')) expect(v.hard, reply).toBe(false);
    }
  });
});

describe('classify: a report summary against the server reply', () => {
  it("takes the server's permanent code when the report marks the recipient failed but summarises it as temporary", async () => {
    const msg = POSTFIX.replace('Status: 5.1.1', 'Status: 4.5.0').replace(
      /Diagnostic-Code: smtp; 550 5\.1\.1 <dead@example\.com>: Recipient address\n {4}rejected: User unknown in local recipient table/,
      'Diagnostic-Code: smtp; 550 5.5.0 Service refused, please try later.',
    );
    expect(msg).toContain('Status: 4.5.0');
    expect(msg).toContain('550 5.5.0 Service refused');
    const v = ok(await classify(msg)).recipients[0];
    expect(v).toMatchObject({ status: '5.5.0', reply: '550', action: 'failed', permanent: true });
  });
});

describe("classify: a local delivery program's exit status (X-Unix)", () => {
  const report = (status: string, exit: string) => `From: MAILER-DAEMON@mx.example.net
Subject: Returned mail: see transcript for details
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

The message could not be delivered to <kim@example.org>.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: RFC822; kim@example.org
Action: failed
${status ? `Status: ${status}\n` : ''}Diagnostic-Code: X-Unix; ${exit}

--B--
`;

  it('is temporary for EX_TEMPFAIL (75), EX_OSERR (71) and EX_IOERR (74), final for the others, and never makes the address dead', async () => {
    for (const exit of ['75', '71', '74']) {
      const [v] = ok(await classify(report('', exit))).recipients;
      expect(v, exit).toMatchObject({ reason: 'mailererror', permanent: false, hard: false, status: '4.3.0' });
    }
    const [v] = ok(await classify(report('', '77'))).recipients;
    expect(v).toMatchObject({ reason: 'mailererror', permanent: true, hard: false });
    // The status, where the report gives one, still decides.
    const [given] = ok(await classify(report('5.3.0', '75'))).recipients;
    expect(given).toMatchObject({ reason: 'mailererror', permanent: true });
  });
});

describe('classify: a delivery-status recipient that is no address', () => {
  it('is the one address the text names as failed', async () => {
    const msg = `From: MAILER-DAEMON@mx.example.net
Subject: Returned mail: see transcript for details
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

   ----- The following addresses had permanent fatal errors -----
<kim@example.org>
    (reason: 550 Host unknown)

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: RFC822; @mx.example.org
Action: failed
Status: 5.1.2

--B--
`;
    const v = ok(await classify(msg)).recipients;
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ recipient: 'kim@example.org', status: '5.1.2', reply: '550', reason: 'hostunknown' });
    // With two candidates in the text there is no telling which: the field stays as given.
    const two = ok(await classify(msg.replace('<kim@example.org>', '<kim@example.org>\n    (reason: 550 Host unknown)\n<lee@example.org>'))).recipients;
    expect(two.map((r) => r.recipient)).toEqual(['@mx.example.org']);
  });

  // The field comes from whoever sent the report: what it holds becomes a card's heading, an
  // address to suppress, a line copied to the clipboard and an entry in the history.
  const hostile = (field: string, text = 'Your message could not be delivered.') => `From: MAILER-DAEMON@mx.example.net
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain; charset=utf-8

${text}

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; ${field}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 user unknown

--B--
`;

  it.each([
    ['a sentence with a link', 'Visit https://evil.example/fix to restore delivery'],
    ['a bidi override that shows alice@example.net', '\u202eten.elpmaxe@ecila'],
    ['a bidi override inside an address', 'alice\u202e@example.net'],
    ['a zero-width space that would cut the address', 'mall\u200bory@example.net'],
    ['a control character', 'alice\u0000\u001b[31m@example.net'],
    ['a field longer than any address', `${'x'.repeat(300)} y`],
  ])('names nobody when the field holds %s', async (_name, field) => {
    const v = ok(await classify(hostile(field))).recipients;
    expect(v.map((r) => r.recipient)).toEqual(['']);
    expect(v[0]).toMatchObject({ status: '5.1.1', reason: 'userunknown' });
  });

  it('still takes the one address the text names when the field is disguised', async () => {
    const v = ok(await classify(hostile('alice\u202e@example.net', "Your message wasn't delivered to <kim@example.org>: 550 5.1.1 user unknown"))).recipients;
    expect(v.map((r) => r.recipient)).toEqual(['kim@example.org']);
  });

  it('takes the bracketed address when only the display name holds direction marks', async () => {
    const v = ok(await classify(hostile('"\u200fسارة\u200f" <sara@example.org>'))).recipients;
    expect(v.map((r) => r.recipient)).toEqual(['sara@example.org']);
    // but not a bracketed address that holds one itself
    expect(ok(await classify(hostile('Sara <sa\u200bra@example.org>'))).recipients.map((r) => r.recipient)).toEqual(['']);
  });

  it('keeps a field that can still name a mailbox', async () => {
    for (const field of ['kim', '"kim lee"@example.org', '<@mx.example.org>']) {
      const v = ok(await classify(hostile(field))).recipients;
      expect(v.map((r) => r.recipient), field).toEqual([field.replace(/^<|>$/g, '')]);
    }
  });
});

describe('classify: invisible characters inside an address in the text', () => {
  it.each([
    ['a soft hyphen', '\u00ad'],
    ['a zero-width space', '\u200b'],
    ['a right-to-left override', '\u202e'],
    ['a left-to-right mark', '\u200e'],
    ['a first-strong isolate', '\u2068'],
  ])('%s does not cut the address the page shows whole', async (_name, mark) => {
    const r = ok(
      await classifyText(`Your message wasn't delivered to al${mark}ice@example.net because the address couldn't be found.

The response from the remote server was:
550 5.1.1 user unknown`),
    );
    expect(r.recipients.map((v) => v.recipient)).toEqual(['alice@example.net']);
  });
});

describe('classify: pasted bounces seen in the wild', () => {
  const postfix = (recipient: string, reply: string) => `The mail system\n\n<${recipient}>: host mx.example.net[192.0.2.10] said: ${reply} (in reply to RCPT TO command)\n`;
  const cases: [string, string, { recipient: string; reason: string; hard: boolean }][] = [
    ['a new address the reply offers', "Your message to kim@example.com couldn't be delivered.\n551 5.1.6 User not local; please try <kim@newcorp.example>\n", { recipient: 'kim@example.com', reason: 'hasmoved', hard: true }],
    ['a help desk the reply names', postfix('kim@uni.example', '550 5.1.1 <kim@uni.example>: Recipient address rejected: User unknown. Former students: contact helpdesk@uni.example for forwarding'), { recipient: 'kim@uni.example', reason: 'userunknown', hard: true }],
    ["the sender's own address in the reply", postfix('kim@example.com', '550 5.1.8 <bob@sender.example>: Sender address rejected: Domain not found'), { recipient: 'kim@example.com', reason: 'rejected', hard: false }],
    ['an abuse desk in a spam refusal', postfix('kim@mail.ru', '550 spam message rejected. Please visit http://help.mail.ru/notspam-support/id?c=AbCd or report details to abuse@corp.mail.ru.'), { recipient: 'kim@mail.ru', reason: 'spamdetected', hard: false }],
    ["AT&T's 5.2.1 'Addressee unknown'", postfix('kim@prodigy.net', '550 5.2.1 <KIM@PRODIGY.NET>... Addressee unknown, relay=[198.51.100.7]'), { recipient: 'kim@prodigy.net', reason: 'userunknown', hard: true }],
    ["Exim's SPF refusal", 'kim@example.com: SMTP error from remote server for RCPT TO command, host: mx.example (192.0.2.50) reason: 550 SPF: 192.0.2.1 is not allowed to send mail from sender.example\n', { recipient: 'kim@example.com', reason: 'authfailure', hard: false }],
    ["qmail's relay refusal", "<kim@example.com>:\n192.0.2.20 does not like recipient.\nRemote host said: 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)\nGiving up on 192.0.2.20.\n", { recipient: 'kim@example.com', reason: 'norelaying', hard: false }],
    ['a policy rejection to retry later', postfix('kim@example.com', '450 4.7.1 <kim@example.com>: Recipient address rejected: Policy Rejection- Please try later.'), { recipient: 'kim@example.com', reason: 'policyviolation', hard: false }],
    ['a bad PTR record at GMX', postfix('kim@gmx.net', '554-gmx.net (mxgmx016) Nemesis ESMTP Service not available 554-No SMTP service 554-Bad DNS PTR resource record.'), { recipient: 'kim@gmx.net', reason: 'requireptr', hard: false }],
    ['a client host blocked', postfix('kim@example.com', '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked you may be infected'), { recipient: 'kim@example.com', reason: 'blocked', hard: false }],
    ['an address verification that found no such user', postfix('kim@example.com', '550 5.1.1 <kim@example.com>: Recipient address rejected: unverified address: unknown user: "kim@example.com"'), { recipient: 'kim@example.com', reason: 'userunknown', hard: true }],
    ["Gmail's unknown domain", "Address not found\n\nYour message wasn't delivered to kim@exmaple.com because the domain exmaple.com couldn't be found. Check for typos or unnecessary spaces and try again.\n", { recipient: 'kim@exmaple.com', reason: 'hostunknown', hard: true }],
  ];
  it.each(cases)('%s', async (_name, text, want) => {
    const r = ok(await classifyText(text));
    expect(r.recipients.map((v) => ({ recipient: v.recipient, reason: v.reason, hard: v.hard }))).toEqual([want]);
  });

  it("reads Exim's 'Unrouteable address' as an unknown domain", async () => {
    const r = ok(await classifyText('A message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  kim@old-company.example\n    Unrouteable address\n'));
    expect(r.recipients[0]).toMatchObject({ recipient: 'kim@old-company.example', reason: 'hostunknown', hard: true });
  });
});

describe('classify: several recipients in one text', () => {
  it("never gives a timed-out recipient the cause the one before it failed on", async () => {
    const r = ok(
      await classify(`From: Mail Delivery System <Mailer-Daemon@mx.example.org>
To: ann@example.org
Subject: Mail delivery failed: returning message to sender
X-Failed-Recipients: gone@example.com, later@dead-host.example

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  gone@example.com
    SMTP error from remote mail server after RCPT TO:<gone@example.com>:
    550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown in local recipient table
  later@dead-host.example
    retry timeout exceeded
`),
    );
    expect(r.recipients.map((v) => [v.recipient, v.reason, v.hard])).toEqual([
      ['gone@example.com', 'userunknown', true],
      ['later@dead-host.example', 'expired', false],
    ]);
  });

  it("reads a session transcript by its refusal, not the greeting, and never takes a Message-ID for a recipient", async () => {
    const r = ok(
      await classify(`From: MDaemon@mail.sender.example
To: bob@sender.example
Subject: Permanent Delivery Failure

The attached message had PERMANENT fatal delivery errors!

--- Session Transcript ---
 Tue 2025-01-14 10:22:30.124: *  To: kim@example.com
 Tue 2025-01-14 10:22:30.124: *  Message-ID: <20250114091500.4471@sender.example>
 Tue 2025-01-14 10:22:30.310: <-- 220 mx.example.com ESMTP
 Tue 2025-01-14 10:22:30.350: <-- 250 2.1.0 Ok
 Tue 2025-01-14 10:22:30.360: --> RCPT To:<kim@example.com>
 Tue 2025-01-14 10:22:30.370: <-- 550 5.1.1 <kim@example.com>: Recipient address rejected: User unknown in local recipient table
--- End Transcript ---`),
    );
    expect(r.recipients.map((v) => [v.recipient, v.reply, v.status, v.reason])).toEqual([['kim@example.com', '550', '5.1.1', 'userunknown']]);
  });
});

describe('classify: a session transcript where the server accepted some recipients', () => {
  it('lists only the refused ones, never the sender of its "From:" or "MAIL From:" lines', async () => {
    const transcript = (annReply: string, benReply: string) => `The attached message had PERMANENT fatal delivery errors!

--- Session Transcript ---
 Tue 2025-03-11 09:02:12.102: *  From: bob@example.com
 Tue 2025-03-11 09:02:12.102: *  To: ann@example.org, ben@example.org
 Tue 2025-03-11 09:02:12.280: --> MAIL From:<bob@example.com> SIZE=2211
 Tue 2025-03-11 09:02:12.300: <-- 250 2.1.0 Ok
 Tue 2025-03-11 09:02:12.310: --> RCPT To:<ann@example.org>
 Tue 2025-03-11 09:02:12.330: <-- ${annReply}
 Tue 2025-03-11 09:02:12.340: --> RCPT To:<ben@example.org>
 Tue 2025-03-11 09:02:12.360: <-- ${benReply}
 Tue 2025-03-11 09:02:12.490: <-- 250 2.0.0 Ok: queued as 4XyZ9QkLmN
--- End Transcript ---`;
    const one = ok(await classifyText(transcript('552 5.2.2 <ann@example.org>: Recipient address rejected: Mailbox full', '250 2.1.5 Ok')));
    expect(one.recipients.map((v) => [v.recipient, v.reason, v.hard])).toEqual([['ann@example.org', 'mailboxfull', false]]);
    const both = ok(await classifyText(transcript('450 4.2.2 Mailbox full, try later', '550 5.1.1 <ben@example.org>: User unknown')));
    expect(both.recipients.map((v) => v.recipient)).toEqual(['ann@example.org', 'ben@example.org']);
  });
});

describe('classify: review cases', () => {
  it('keeps an accepted recipient of a transcript when the message data was then refused', async () => {
    const r = ok(await classifyText(` --- Session Transcript ---
 10:00:01: --> RCPT To:<ann@example.org>
 10:00:01: <-- 250 2.1.5 Ok
 10:00:02: --> RCPT To:<ben@example.org>
 10:00:02: <-- 550 5.1.1 <ben@example.org>: User unknown
 10:00:03: --> DATA
 10:00:03: <-- 554 5.7.1 Message rejected as spam`));
    expect(r.recipients.map((v) => [v.recipient, v.hard])).toEqual([['ann@example.org', false], ['ben@example.org', true]]);
  });

  it("reads a mail system's subject from a null or daemon sender, and no help desk in a one-line Exim paste", async () => {
    for (const from of ['<>', 'Mailer Daemon <daemon@mx.example.net>', 'System Administrator <admin@example.net>']) {
      const r = ok(await classifyText('<kim@example.org>:\n550 5.1.1 no such user', { subject: 'Undeliverable Email', from }));
      expect(r.recipients.map((v) => [v.recipient, v.hard]), from).toEqual([['kim@example.org', true]]);
    }
    const exim = ok(await classifyText('A message that you sent could not be delivered to one or more of its recipients. This is a permanent error. The following address(es) failed: kim@example.net host mx.example.net [192.0.2.30] SMTP error from remote mail server after RCPT TO:<kim@example.net>: 550 5.7.1 Blocked by policy; if you think this is wrong write to jane.admin@example.net with this error and we will look into it'));
    expect(exim.recipients.map((v) => v.recipient)).toEqual(['kim@example.net']);
  });

  it("never makes an accepted recipient of a transcript dead, and never takes the sender a reply quotes for the recipient", async () => {
    const sendmail = ok(await classifyText(`----- Transcript of session follows -----
... while talking to mx.example.org.:
>>> RCPT To:<ann@example.org>
<<< 250 2.1.5 <ann@example.org>... Recipient ok
>>> RCPT To:<ben@example.org>
<<< 550 5.1.1 <ben@example.org>... User unknown`));
    expect(sendmail.recipients.map((v) => [v.recipient, v.hard])).toEqual([['ben@example.org', true]]);
    const gmail = ok(await classifyText(`Delivery to the following recipient failed permanently:

     kim@example.org

Technical details of permanent failure:
550 5.7.1 <me@sender.example> rejected by reputation policy`));
    expect(gmail.recipients.map((v) => [v.recipient, v.hard])).toEqual([['kim@example.org', false]]);
  });

  it('matches a long reply shared by recipients whose report lines differ in length', async () => {
    const reply = (who: string) => `<${who}>: host mx.example.org[192.0.2.25] said: 550 5.1.1
    <kim@example.org>: Recipient address rejected: User unknown in local recipient table; ${'the mailbox named in this reply does not exist here, '.repeat(4)}(in reply to end of DATA command)`;
    const r = ok(await classifyText(`${reply('kim@example.org')}

${reply('ann.marie.longername-of-the-sales-team@example.org')}`));
    expect(r.recipients.map((v) => [v.recipient, v.hard])).toEqual([['kim@example.org', true], ['ann.marie.longername-of-the-sales-team@example.org', false]]);
  });

  it('takes a newsletter from "Microsoft Outlook" for bulk mail, not a bounce', async () => {
    const r = ok(await classify(`From: Microsoft Outlook <outlook@email.microsoft.example>
To: jane@example.org
Subject: Undeliverable messages: what they mean
List-Unsubscribe: <https://email.microsoft.example/unsubscribe>
Precedence: bulk

When mail to jane@example.org fails with 550 5.1.1, the address does not exist.
`));
    expect(r.kind).toBe('not-bounce');
  });

  it('starts a new recipient at each "<addr>: host" line of an indented Postfix report', async () => {
    const r = ok(await classifyText(`<ann@example.org>: host mx.example.org[192.0.2.25] said: 552 5.2.2 Mailbox full
    (in reply to RCPT TO command)
    <kim@example.org>: host mx.example.org[192.0.2.25] said: 550 5.1.1 User unknown
    (in reply to RCPT TO command)`));
    expect(r.recipients.map((v) => [v.recipient, v.reason, v.hard])).toEqual([['ann@example.org', 'mailboxfull', false], ['kim@example.org', 'userunknown', true]]);
  });
});

describe('classify: bounces of mailing-list mail', () => {
  it("reads a list's refusal of a post as a bounce of the list's address, never its owner's, and a held post as none", async () => {
    const refused = ok(
      await classifyText(
        'Your message to the Volunteers mailing-list was rejected for the following\nreasons:\n\nMessage has implicit destination\n\nIf you think this is wrong, contact the mailing list owner at volunteers-owner@lists.example.org.',
        { subject: 'Your message to Volunteers was rejected', from: 'volunteers-bounces@lists.example.org' },
      ),
    );
    expect(refused.kind).toBe('bounce');
    expect(refused.recipients.map((v) => v.recipient)).not.toContain('volunteers-owner@lists.example.org');
    expect(refused.recipients.every((v) => v.reason === 'policyviolation' && !v.hard)).toBe(true);
    expect(refused.recipients[0].diagnostic).toMatch(/implicit destination/);
    const held = ok(
      await classifyText("Your mail to 'Volunteers' with the subject\n\n    Plans\n\nIs being held until the list moderator can review it for approval.\n\nThe reason it is being held:\n\n    Post by non-member to a members-only list", {
        subject: 'Your message to Volunteers awaits moderator approval',
        from: 'volunteers-bounces@lists.example.org',
      }),
    );
    expect(held.kind).not.toBe('bounce');
    const sympa = ok(
      await classifyText("Impossible to distribute your message for list 'volunteers@lists.example.org' for the following reason:\n\nYour message could not be sent because its size (5240 KB) was over the maximum size (1024 KB) allowed on the list.", {
        subject: 'Message distribution: Message too large',
        from: 'sympa@lists.example.org',
      }),
    );
    expect(sympa.recipients.map((v) => [v.recipient, v.reason, v.hard])).toEqual([['volunteers@lists.example.org', 'mesgtoobig', false]]);
  });
  const bounce = (to: string, listId: string) => `From: MAILER-DAEMON@gw.example.org
To: ${to}
Subject: Undeliverable: Meeting

Delivery has failed to this recipient: Kim Lee
550 5.1.1 User unknown

------ original message ------
From: Bob <bob@example.com>
To: volunteers@lists.example.net
${listId}Subject: Meeting
`;

  it("takes the recipient a VERP return path encodes, and never the list's own address", async () => {
    const verp = ok(await classify(bounce('volunteers-bounces+kim=example.org@lists.example.net', 'List-Id: <volunteers.lists.example.net>\n')));
    expect(verp.recipients.map((v) => [v.recipient, v.hard])).toEqual([['kim@example.org', true]]);
    const list = ok(await classify(bounce('volunteers-bounces@lists.example.net', 'List-Id: <volunteers.lists.example.net>\n')));
    expect(list.recipients.map((v) => v.recipient)).toEqual(['']);
    // Mailman's reading of a VERP mailbox with "+" or "-" in it; no decoding of other addresses
    const plus = ok(await classify(bounce('volunteers-bounces+kim+news=example.org@lists.example.net', 'List-Id: <volunteers.lists.example.net>\n')));
    expect(plus.recipients.map((v) => v.recipient)).toEqual(['kim+news@example.org']);
    const hyphen = ok(await classify(bounce('volunteers-bounces+kim-lee=example.org@lists.example.net', 'List-Id: <volunteers.lists.example.net>\n')));
    expect(hyphen.recipients.map((v) => v.recipient)).toEqual(['kim-lee@example.org']);
    // a sender whose address merely ends like a list's (feature-request@) still gets the guess
    const request = ok(await classify(bounce('feature-request@example.com', '').replace('volunteers@lists.example.net', 'kim@example.org')));
    expect(request.recipients.map((v) => v.recipient)).toEqual(['kim@example.org']);
    // an ordinary message's To is still the guess when the report names nobody
    const plain = ok(await classify(bounce('bob@example.com', '').replace('volunteers@lists.example.net', 'kim@example.org')));
    expect(plain.recipients.map((v) => v.recipient)).toEqual(['kim@example.org']);
  });

  it("reads a member disabled after bounces as no dead mailbox, and a post discussing non-members as no bounce", async () => {
    const r = ok(await classifyText('The following member was removed: delivery to this address failed too often.\n\nKim Lee <kim@example.org> has been removed from volunteers@lists.example.net due to excessive bounces.', { subject: 'Bounce action notification', from: 'volunteers-owner@lists.example.net' }));
    expect(r.recipients.filter((v) => v.hard || v.recipient === 'volunteers@lists.example.net')).toEqual([]);
    const notice = ok(await classifyText('550 5.0.0 kim@example.org: subscription has been disabled due to excessive bounces'));
    expect(notice.recipients.map((v) => [v.recipient, v.reason, v.hard])).toEqual([['kim@example.org', 'onhold', false]]);
    const post = ok(await classify(`From: Ann <ann@example.org>
To: volunteers@lists.example.net
List-Id: <volunteers.lists.example.net>
List-Post: <mailto:volunteers@lists.example.net>
Subject: Should non-members be able to post?

I think non-member posts should be held, not allowed to post straight away.
`));
    expect(post.kind).toBe('not-bounce');
  });
});

describe('classify: one reply to the message data, copied to every recipient', () => {
  const postfixText = (second: string) => `This is the mail system at host mail.sender.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<kim@example.org>: host mx.example.org[192.0.2.25] said: 550 5.1.1
    <kim@example.org>: Recipient address rejected: User unknown (in reply to
    end of DATA command)

<lee@example.org>: host mx.example.org[192.0.2.25] said: 550 5.1.1
    <${second}>: Recipient address rejected: User unknown (in reply to
    end of DATA command)
`;

  it("holds in a page's text too, where the named recipient's reply runs on into the transcript", async () => {
    const r = ok(
      await classifyText(`   ----- The following addresses had permanent fatal errors -----
<ann@example.org>
    (reason: 550 5.1.1 <ann@example.org>... User unknown)
<ben@example.org>
    (reason: 550 5.1.1 <ann@example.org>... User unknown)

   ----- Transcript of session follows -----
... while talking to mx.example.org.:
>>> DATA
<<< 550 5.1.1 <ann@example.org>... User unknown
554 5.0.0 Service unavailable`),
    );
    expect(r.recipients.map((v) => [v.recipient, v.hard, v.refusedWith ?? ''])).toEqual([
      ['ann@example.org', true, ''],
      ['ben@example.org', false, 'ann@example.org'],
    ]);
  });

  it('makes dead only the address the reply names; the other was refused along with it', async () => {
    const r = ok(await classifyText(postfixText('kim@example.org')));
    expect(r.recipients.map((v) => [v.recipient, v.reason, v.hard])).toEqual([
      ['kim@example.org', 'userunknown', true],
      ['lee@example.org', 'onhold', false],
    ]);
    // the folded line stays lee's: it is not a second entry for kim
    expect(r.recipients[1].diagnostic).toContain('<kim@example.org>: Recipient address rejected');
    expect(r.recipients[1].basis).toContain('another recipient (kim@example.org)');
  });

  it('keeps a reply that names a recipient listed further down with the recipient it is under', async () => {
    const text = postfixText('lee@example.org').replace(/kim@example\.org>: Recipient/, 'lee@example.org>: Recipient');
    const r = ok(await classifyText(text));
    expect(r.recipients.map((v) => [v.recipient, v.reason, v.hard])).toEqual([
      ['kim@example.org', 'onhold', false],
      ['lee@example.org', 'userunknown', true],
    ]);
    // Pasted without a text flag, Postfix's first line is no header field.
    const raw = ok(await classify(text.slice(text.indexOf('<kim@'))));
    expect(raw.recipients.map((v) => v.recipient)).toEqual(['kim@example.org', 'lee@example.org']);
  });

  it('still makes each dead when each reply names its own address', async () => {
    const r = ok(await classifyText(postfixText('lee@example.org')));
    expect(r.recipients.map((v) => [v.recipient, v.hard])).toEqual([
      ['kim@example.org', true],
      ['lee@example.org', true],
    ]);
  });

  it("keeps a recipient's own reply that merely points to another recipient", async () => {
    const text = `<ann@example.org>: host mx.example.org[192.0.2.25] said: 550 5.1.1 No such user here.
    Mail for the sales team goes to <kim@example.org> (in reply to RCPT TO command)

<kim@example.org>: host mx.example.org[192.0.2.25] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)`;
    const r = ok(await classifyText(text));
    expect(r.recipients.map((v) => [v.recipient, v.reason, v.hard, v.refusedWith ?? ''])).toEqual([
      ['ann@example.org', 'userunknown', true, ''],
      ['kim@example.org', 'mailboxfull', false, ''],
    ]);
  });

  it("gives each of a transcript's replies to the address it opens with, and so for two reply lines pasted", async () => {
    const r = ok(await classifyText(`----- The following addresses had permanent fatal errors -----
<ann@example.org>
<kim@example.org>

----- Transcript of session follows -----
>>> DATA
<<< 550 5.1.1 <ann@example.org>... User unknown
<<< 552 5.2.2 <kim@example.org>... Mailbox full`));
    expect(r.recipients.map((v) => [v.recipient, v.reason, v.hard])).toEqual([
      ['ann@example.org', 'userunknown', true],
      ['kim@example.org', 'mailboxfull', false],
    ]);
    const pasted = ok(await classifyText('550 5.1.1 <kim@example.org> user unknown\n552 5.2.2 <lee@example.org> mailbox full'));
    expect(pasted.recipients.map((v) => [v.recipient, v.hard])).toEqual([['kim@example.org', true], ['lee@example.org', false]]);
  });

  it('ends a list of addresses where another recipient\'s block starts', async () => {
    const r = ok(await classifyText(`The following address(es) failed:

  ann@example.net
  kim@example.net
    retry timeout exceeded
  lee@example.net
    SMTP error from remote mail server after RCPT TO:<lee@example.net>:
    550 5.1.1 User unknown`));
    expect(r.recipients.map((v) => [v.recipient, v.hard])).toEqual([
      ['ann@example.net', false],
      ['kim@example.net', false],
      ['lee@example.net', true],
    ]);
  });

  it('reads a delivery-status part the same way', async () => {
    const dsn = POSTFIX.replace(
      'Final-Recipient: rfc822; dead@example.com',
      `Final-Recipient: rfc822; live@example.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <dead@example.com>: Recipient address
    rejected: User unknown in local recipient table

Final-Recipient: rfc822; dead@example.com`,
    );
    const r = ok(await classify(dsn));
    expect(r.recipients.map((v) => [v.recipient, v.hard])).toEqual([
      ['live@example.com', false],
      ['dead@example.com', true],
    ]);
  });
});

describe('classify: aliases and forwards', () => {
  it('names the address the sender used when an alias led to the one that failed', async () => {
    const msg = POSTFIX.replace('Final-Recipient: rfc822; dead@example.com', 'Original-Recipient: rfc822; info@example.com\nFinal-Recipient: rfc822; dead@example.com');
    const v = ok(await classify(msg)).recipients[0];
    expect(v).toMatchObject({ recipient: 'dead@example.com', sentTo: 'info@example.com' });
    // the same address twice is no alias
    const same = ok(await classify(POSTFIX.replace('Final-Recipient: rfc822; dead@example.com', 'Original-Recipient: rfc822; DEAD@example.com\nFinal-Recipient: rfc822; dead@example.com'))).recipients[0];
    expect(same.sentTo).toBe('');
  });
});

describe('classify: never a dead address on generic words', () => {
  it("reads Postfix's 'Access denied' quoted in an Outlook.com report as a refusal, not Microsoft's unknown recipient", async () => {
    const text = `Delivery has failed to these recipients or groups:
rita@example.org (rita@example.org)
Your message wasn't delivered because the recipient's email provider rejected it.
Diagnostic information for administrators:
Generating server: PH0PR19MB1234.namprd19.prod.outlook.com
rita@example.org
mx.example.org
Remote Server returned '550 5.7.1 <rita@example.org>: Recipient address rejected: Access denied'`;
    const v = ok(await classifyText(text, { subject: 'Undeliverable: Quarterly figures', from: 'postmaster@outlook.com' })).recipients[0];
    expect(v).toMatchObject({ recipient: 'rita@example.org', hard: false });
  });

  it('lets generic address words give way to a cause named beside them, but not to a bare "rejected"', async () => {
    const said = async (reply: string) =>
      ok(await classifyText(`This is the mail system at host mx.example.com.\n\n<kim@example.org>: host mx.example.org[192.0.2.1] said: ${reply} (in reply to RCPT TO command)`)).recipients[0];
    expect(await said('550 mailbox unavailable: blocked by policy')).toMatchObject({ reason: 'policyviolation', hard: false });
    expect(await said('550 Message rejected: recipient rejected by content filter')).toMatchObject({ reason: 'filtered', hard: false });
    // RFC 5321's own words, alone, and a refusal that gives the address as its cause stay dead
    expect(await said('550 Requested action not taken: mailbox unavailable')).toMatchObject({ reason: 'userunknown', hard: true });
    expect(await said('550 Rejected the recipient because it does not exist')).toMatchObject({ reason: 'userunknown', hard: true });
    // ... nor to words of a link or of advice that name no refusal
    expect(await said('550 Mailbox unavailable - see https://example.org/policy.html')).toMatchObject({ reason: 'userunknown', hard: true });
    expect(await said('550 mailbox unavailable: try again later')).toMatchObject({ reason: 'userunknown', hard: true });
  });

  it('reads no cause into the names in a reply: a mailbox called dmarc-reports, a filter host called antispam', async () => {
    const postfix = (host: string, local: string) =>
      `This is the mail system at host mx.example.com.\n\n<${local}@example.org>: host ${host}[192.0.2.1] said: 550 5.1.1 <${local}@example.org>: Recipient address rejected: User unknown in relay recipient table (in reply to RCPT TO command)`;
    for (const [host, local] of [['mx.example.org', 'dmarc-reports'], ['mx.example.org', 'spam-reports'], ['antispam.example.org', 'kim']]) {
      const v = ok(await classifyText(postfix(host, local))).recipients[0];
      expect(v, `${host} ${local}`).toMatchObject({ reason: 'userunknown', hard: true });
    }
  });

  it("reads Postfix's 'TLS is required, but was not offered' as a security requirement, not a suspended mailbox", async () => {
    const v = ok(await classifyText('This is the mail system at host mx.example.com.\n\n<kim@example.org>: delivery temporarily suspended: TLS is required, but was not offered by host mx.example.org[192.0.2.1]', { subject: 'Undelivered Mail Returned to Sender', from: 'MAILER-DAEMON@mx.example.com' })).recipients[0];
    expect(v).toMatchObject({ recipient: 'kim@example.org', reason: 'securityerror', hard: false });
  });

  it('reads a pasted delivery-status part as report text, not as a header', async () => {
    const r = ok(await classify('Final-Recipient: rfc822; kim@example.org\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <kim@example.org>: User unknown'));
    expect(r.kind).toBe('bounce');
    expect(r.recipients.map((v) => [v.recipient, v.status, v.hard])).toEqual([['kim@example.org', '5.1.1', true]]);
  });

  it("reads address words under a policy status answered to MAIL FROM as the sender refused", async () => {
    const v = ok(await classifyText("<luc@example.fr>: host mx.example.fr[192.0.2.80] said: 550 5.7.1 Adresse de l'expediteur inexistante : utilisateur inconnu sur le domaine example.com (in reply to MAIL FROM command)")).recipients[0];
    expect(v).toMatchObject({ recipient: 'luc@example.fr', reason: 'rejected', hard: false });
  });

  it("does not take 'unknown error' or 'invalid' for an unknown user", async () => {
    const v = ok(await classifyText('There was a problem delivering your message to lena@example.org.\nThe response from the remote server was:\n554 5.0.0 Error: transaction failed, unknown error (id=3f1a2b)')).recipients[0];
    expect(v).toMatchObject({ recipient: 'lena@example.org', hard: false });
    expect(v.reason).not.toBe('userunknown');
  });

  it('never marks an address hard while the message is still being retried', async () => {
    const r = ok(
      await classifyText(
        "Delivery incomplete\nThere was a temporary problem delivering your message to amy@corp.example. Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.\nThe response was:\n450 4.1.1 <amy@corp.example>: Recipient address rejected: User unknown in local recipient table",
      ),
    );
    expect(r.kind).toBe('delay');
    expect(r.recipients[0]).toMatchObject({ recipient: 'amy@corp.example', reason: 'userunknown', hard: false });
  });
});

describe('classify: what kind of message a page shows', () => {
  it("knows Exchange's delivery and relay receipts", async () => {
    const from = 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@sender.example>';
    const delivered = ok(await classifyText('Your message has been delivered to the following recipients:\nJane Doe (jane@contoso.example)\nSubject: Quarterly figures', { subject: 'Delivered: Quarterly figures', from }));
    expect(delivered.kind).toBe('delivered');
    expect(delivered.recipients.map((r) => [r.recipient, r.reason, r.hard])).toEqual([['jane@contoso.example', 'delivered', false]]);
    const relayed = ok(await classifyText('Delivery to these recipients or groups is complete, but no delivery notification was sent by the destination server:\njane@example.org (jane@example.org)', { subject: 'Relayed: Quarterly figures', from }));
    expect(relayed.kind).toBe('delivered');
  });

  it("knows Gmail's delay notice in French and German", async () => {
    const from = 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>';
    const fr = ok(await classifyText("Distribution incomplète\nUn problème temporaire a empêché la distribution de votre message à luc@exemple.example. Gmail effectuera de nouvelles tentatives pendant 47 heures.\nLa réponse était :\n451 4.7.1 Greylisting in action, please come back later", { subject: 'Delivery Status Notification (Delay)', from }));
    expect(fr.kind).toBe('delay');
    const de = ok(await classifyText('Zustellung unvollständig\nBei der Zustellung Ihrer Nachricht an ops@langsam.example ist ein vorübergehendes Problem aufgetreten. Gmail versucht es noch 46 Stunden lang.\nDie Antwort lautete:\n450 4.2.0 <ops@langsam.example>: Recipient address rejected: Mailbox temporarily unavailable', { subject: 'Delivery Status Notification (Delay)', from }));
    expect(de.kind).toBe('delay');
    expect(de.recipients[0].hard).toBe(false);
  });

  it('keeps each recipient of a long Exim report, the timed-out ones too, with its own verdict', async () => {
    const text = `A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  ann@alpha.example
    SMTP error from remote mail server after RCPT TO:<ann@alpha.example>:
    550 5.1.1 <ann@alpha.example>: Recipient address rejected: User unknown in local recipient table
  ben@beta.example
    SMTP error from remote mail server after end of data:
    552 5.2.2 Mailbox quota exceeded
  dan@delta.example
    retry time not reached for any host after a long failure period
`;
    const r = ok(await classifyText(text, { subject: 'Mail delivery failed: returning message to sender', from: 'Mail Delivery System <Mailer-Daemon@mail.sender.example>' }));
    expect(r.recipients.map((v) => [v.recipient, v.reason, v.hard])).toEqual([
      ['ann@alpha.example', 'userunknown', true],
      ['ben@beta.example', 'mailboxfull', false],
      ['dan@delta.example', 'expired', false],
    ]);
  });

  it("reads Exchange's 5.1.10 as an unknown recipient when the words are in another language", async () => {
    const r = ok(
      await classifyText('Die Nachricht konnte nicht zugestellt werden.\nIhre Nachricht an uwe@firma.example konnte nicht zugestellt werden.\nuwe wurde unter firma.example nicht gefunden.\nWeitere Informationen für E-Mail-Administratoren\nStatuscode: 550 5.1.10', {
        subject: 'Unzustellbar: Quartalszahlen',
        from: 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@sender.example>',
      }),
    );
    expect(r.recipients[0]).toMatchObject({ recipient: 'uwe@firma.example', status: '5.1.10', reason: 'userunknown', hard: true });
  });

  it("reads the 'Reported error' Outlook's newer reports give after 'Original Message Details'", async () => {
    const r = ok(
      await classifyText(
        `Your message to sales@partner.example couldn't be delivered.
Your organization's email isn't allowed to be sent from an unregistered domain.
More Info for Email Admins
Status code: 550 5.7.750
The sending tenant is blocked from sending from domains it has not registered.
Original Message Details
Created Date: 1/14/2025 9:15:00 AM
Sender Address: bob@sender.example
Recipient Address: sales@partner.example
Error Details
Reported error: 550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains. AS(9101)
DSN generated by: DM6PR11MB4321.namprd11.prod.outlook.com`,
        { subject: 'Undeliverable: Quarterly figures', from: 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@sender.example>' },
      ),
    );
    expect(r.recipients.map((v) => [v.recipient, v.provider, v.hard])).toEqual([['sales@partner.example', 'microsoft', false]]);
    expect(r.recipients[0].providerRow).toBe('microsoft.5.7.750.unregistered-domain');
    expect(r.recipients[0].basis).toBe('Microsoft\'s documented response "Sending from unverified domains"');
  });

  it('reads a full mailbox or an unknown user in other languages, with no code', async () => {
    const cases: [string, string][] = [
      ['此邮件是系统自动发送的退信通知。\n很抱歉，您的邮件无法送达以下收件人：\nzhao@example.cn\n原因：对方邮箱已满，无法接收新邮件。', 'mailboxfull'],
      ['Die Nachricht an uwe@firma.example konnte nicht zugestellt werden: Empfänger unbekannt.', 'userunknown'],
      ["Le message n'a pas pu être remis à luc@exemple.example : destinataire inconnu.", 'userunknown'],
    ];
    for (const [text, reason] of cases) {
      const r = ok(await classifyText(text, { subject: 'Undeliverable', from: 'postmaster@example.net' }));
      expect(r.recipients[0]?.reason, text).toBe(reason);
    }
  });

  it('keeps a failed postmaster@ address as the recipient, not an empty one', async () => {
    const r = ok(
      await classifyText(
        "Address not found\nYour message wasn't delivered to postmaster@example.org because the address couldn't be found, or is unable to receive mail.\nThe response from the remote server was:\n550 5.1.1 <postmaster@example.org>: Recipient address rejected: User unknown in local recipient table",
        { subject: 'Delivery Status Notification (Failure)', from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>' },
      ),
    );
    expect(r.recipients.map((v) => [v.recipient, v.reason, v.hard])).toEqual([['postmaster@example.org', 'userunknown', true]]);
  });

  it('does not call ordinary mail a bounce for a room or phone number beside an address', async () => {
    for (const text of [
      "Hi Bob,\nmy old mailbox at jane@oldco.example is full and will be closed, the admin says it returns 552 errors now. I'm in room 451 on Tuesday.\nThanks,\nJane",
      'Your January statement is ready. Questions? Email help@bank.example or call 555-0100.',
    ]) {
      expect(ok(await classifyText(text, { subject: 'Re: Quarterly figures' })).kind, text).toBe('not-bounce');
    }
  });

  it("knows an auto-reply sent under a mail system's name, or from a postmaster mailbox, and no person's forward of one", async () => {
    const ooo = (from: string, subject: string, headers = 'Auto-Submitted: auto-replied\n') =>
      `From: ${from}\nTo: bob@example.com\nSubject: ${subject}\n${headers}\nI am out of the office until Monday. For urgent matters please email servicedesk@example.org instead.\n`;
    for (const from of ['Mail Administrator <kim@example.org>', 'Example Mail System <noreply@example.org>', 'Postmaster <postmaster@example.org>']) {
      const r = ok(await classify(ooo(from, 'Automatic reply: Invoice 42')));
      expect(r.kind, from).toBe('autoreply');
      expect(r.recipients.map((v) => v.recipient), from).not.toContain('servicedesk@example.org');
    }
    // A person forwarding one is not on vacation: never listed as the away mailbox.
    const forwarded = ok(await classify(ooo('Bob <bob2@example.com>', 'Fwd: Automatic reply: Invoice 42', '')));
    expect(forwarded.recipients.map((v) => v.recipient)).not.toContain('bob2@example.com');
    // A mail system's real failure under such a sender stays a bounce.
    expect(ok(await classify(ooo('Mail Administrator <kim@example.org>', 'Automatic reply: Invoice 42').replace('I am out', '550 5.1.1 <lee@example.net>: user unknown. I am out'))).kind).toBe('bounce');
  });

  it("knows automatic replies by Outlook's subject in other languages", async () => {
    for (const subject of ['Automatische Antwort: Quartalszahlen', 'Réponse automatique : Chiffres', 'Respuesta automática: Cifras', '【自動返信】四半期の数字']) {
      expect(ok(await classifyText('Vielen Dank für Ihre Nachricht. In dringenden Fällen: service@firma.example oder 0800 555 1234.', { subject, from: 'Hans <hans@firma.example>' })).kind, subject).toBe('autoreply');
    }
  });
});

describe('classify: mail about a bounce is not one', () => {
  it("reads an auto-acknowledgement or out-of-office reply whose subject quotes a bounce's as no bounce, and a read receipt as none", async () => {
    for (const subject of ['[Ticket #48213] Undeliverable: Invoice 4471', 'Request received: Undeliverable: Invoice', 'Automatic reply: FW: Undeliverable: Invoice']) {
      const r = ok(await classify(`From: Example Support <support@example.org>\nTo: bob@example.com\nSubject: ${subject}\nAuto-Submitted: auto-replied\n\nYour request has been received.\n> Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found' for kim@example.org\n`));
      expect(r.kind, subject).toBe('autoreply');
      expect(r.recipients.some((v) => v.hard || v.recipient === 'kim@example.org'), subject).toBe(false);
    }
    const receipt = ok(await classify('From: Kim <kim@example.org>\nTo: bob@example.com\nSubject: Not read: Undeliverable: Invoice\nContent-Type: multipart/report; report-type=disposition-notification; boundary=b\n\n--b\nContent-Type: text/plain\n\nYour message was deleted without being read.\n--b--\n'));
    expect(receipt.kind).toBe('not-bounce');
    // a mail system's own "Warning: delayed mail" is still its subject
    expect(ok(await classifyText('This is a warning message only. The mail server will continue trying to deliver your message to:\n<kim@example.org>: 450 4.7.1 greylisted', { subject: 'WARNING: delayed mail.', from: 'Courier mail server at mx.example.net' })).kind).toBe('delay');
  });

  it("reads a help desk's forward or reply behind a ticket tag as no bounce", async () => {
    for (const subject of ['[Ticket #48213] Fwd: Undelivered Mail Returned to Sender', '[EXTERNAL] RE: Undeliverable: Offer']) {
      const r = ok(await classify(`From: Example Support <support@example.org>\nTo: bob@example.com\nSubject: ${subject}\n\nWe have received your request.\n> <kim@example.org>: host mx.example.org[192.0.2.10] said: 550 5.1.1 User unknown\n`));
      expect(r.recipients.filter((v) => v.hard), subject).toEqual([]);
      expect(r.kind, subject).not.toBe('bounce');
    }
  });

  it('a newsletter quoting a bounce (it has an unsubscribe link) suppresses nobody', async () => {
    const r = ok(
      await classify(`From: Deliverability Weekly <news@deliverability-weekly.example>
To: bob@sender.example
Subject: Issue #112: what "550 5.1.1 user unknown" really costs you
List-Unsubscribe: <mailto:unsub-8812@deliverability-weekly.example>
Precedence: bulk

This week: hard bounces. When a receiving server answers

    550 5.1.1 <jane@example.com>: Recipient address rejected: User unknown in virtual mailbox table

the address is gone and you should stop mailing it.
`),
    );
    expect(r.kind).toBe('not-bounce');
  });

  it("a lesson on bounce codes is not a bounce for its example addresses", async () => {
    const r = ok(
      await classifyText('SMTP reply codes explained, part 2\n\nWhen your mail is refused you will see a reply such as:\n\n550 5.1.1 <user@example.com>: Recipient address rejected: User unknown - the mailbox does not exist.\n', {
        subject: 'Understanding bounce codes (lesson 2 of 5)',
        from: 'Mail School <lessons@mailschool.example>',
      }),
    );
    expect(r.kind).toBe('not-bounce');
  });

  it("the recipient's own reply about a bounce names nobody as dead", async () => {
    const text = `Hi Bob,\n\nStrange - I'm getting your mail fine, this is me replying from kim@contoso.example.\n\nOn Tue, 5 Mar 2024 at 11:02, Bob Sender <bob@sender.example> wrote:\n> Delivery has failed to these recipients or groups:\n> kim@contoso.example (kim@contoso.example)\n> Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'\n`;
    const r = ok(await classifyText(text, { subject: 'Re: Undeliverable: Contract draft', from: 'Kim Lee <kim@contoso.example>' }));
    expect(r.kind).toBe('not-bounce');
  });

  it('a bounce a colleague forwards is read from the forwarded notice', async () => {
    const text = `FYI this bounced, can you check?\n\nAlice\n\n---------- Forwarded message ---------\nFrom: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nDate: Tue, 5 Mar 2024 at 10:12\nSubject: Delivery Status Notification (Failure)\nTo: <alice@sender.example>\n\n\nAddress not found\nYour message wasn't delivered to kim@contoso.example because the address couldn't be found, or is unable to receive mail.\nThe response from the remote server was:\n550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient kim@contoso.example not found by SMTP address lookup\n`;
    const r = ok(await classifyText(text, { subject: 'Fwd: Delivery Status Notification (Failure)', from: 'Alice Jones <alice@sender.example>' }));
    expect(r.kind).toBe('bounce');
    expect(r.recipients.map((v) => [v.recipient, v.reason, v.hard])).toEqual([['kim@contoso.example', 'userunknown', true]]);
  });

  it('a help desk named only in the footer is never the recipient', async () => {
    const r = ok(
      await classifyText('Message Delivery Failure\n\nYour message could not be delivered.\nReason: 550 5.1.1 Recipient does not exist\n\nView the full report in the portal:\nhttps://portal.gateway.example/ndr/view?rcpt=kim%40contoso.example\n\nNeed help? Contact helpdesk@gateway.example\n', {
        subject: 'Undeliverable: Contract draft',
        from: 'Gateway Notifications <postmaster@gateway.example>',
      }),
    );
    expect(r.recipients.map((v) => v.recipient)).not.toContain('helpdesk@gateway.example');
  });

  it("Mail.ru's disabled account is a suspended mailbox, not a dead one", async () => {
    const r = ok(await classifyText('<anna@mail.ru>: host mxs.mail.ru[94.100.180.104] said: 550 Message was not accepted -- invalid mailbox.\n    Local mailbox anna@mail.ru is unavailable: account is disabled (in reply to RCPT TO command)\n'));
    expect(r.recipients[0]).toMatchObject({ recipient: 'anna@mail.ru', hard: false });
  });
});

describe('classify: a page can show what a raw message hides in fields', () => {
  it('reads an abuse report shown as text as a feedback report for its Original-Rcpt-To', async () => {
    const r = ok(
      await classifyText('This is an email abuse report for an email message received from IP 198.51.100.7.\n\nFeedback-Type: abuse\nUser-Agent: Yahoo!-Mail-Feedback/2.0\nOriginal-Mail-From: <bounce-8812@sender.example>\nOriginal-Rcpt-To: kim.reader@yahoo.com\n', {
        subject: 'FW: Spring sale',
        from: 'Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.yahoo.com>',
      }),
    );
    expect(r.kind).toBe('feedback');
    expect(r.recipients.map((v) => [v.recipient, v.feedback, v.hard])).toEqual([['kim.reader@yahoo.com', 'abuse', false]]);
  });

  it('never takes a Message-ID or an ESP payload\'s sender for the recipient', async () => {
    const msgid = ok(await classify('From: Mail Delivery System <MAILER-DAEMON@mx.alpha.example>\nTo: bob@sender.example\nSubject: Returned mail: see transcript for details\n\nYour message <20240305101201.4F1A22C0123@mail.sender.example> could not be delivered.\nReason: 550 5.1.1 User unknown\n'));
    expect(msgid.recipients.map((v) => v.recipient)).not.toContain('20240305101201.4f1a22c0123@mail.sender.example');
    const json = `{\n  "event": "failed",\n  "severity": "permanent",\n  "recipient": "kim@example.org",\n  "envelope": {"sender": "bob@mg.sender.example", "targets": "kim@example.org"},\n  "message": {"headers": {"to": "kim@example.org", "from": "Bob <bob@mg.sender.example>"}},\n  "delivery-status": {"code": 550, "message": "5.1.1 The email account that you tried to reach does not exist."}\n}`;
    const r = ok(await classifyText(json));
    expect(r.recipients.map((v) => v.recipient)).toEqual(['kim@example.org']);
    // Some writers put a space before the colon.
    const spaced = `{\n  "recipient" : "kim@example.org",\n  "sender" : "bob@mg.sender.example",\n  "status" : "5.1.1",\n  "reason" : "550 5.1.1 mailbox does not exist"\n}`;
    expect(ok(await classifyText(spaced)).recipients.map((v) => v.recipient)).toEqual(['kim@example.org']);
  });
});

describe('classify: diagnostics', () => {
  it("skip a report's banner lines and fall back to the sentence that names the address", async () => {
    const r = ok(
      await classifyText(`****** Message from InterScan Messaging Security Suite ******

The following mail could not be delivered.
Reason:  Unable to deliver message to <kim@example.jp> (and other recipients in the same domain).

************************     End of message     **********************`),
    );
    expect(r.recipients[0].recipient).toBe('kim@example.jp');
    expect(r.recipients[0].diagnostic).toBe('Reason: Unable to deliver message to <kim@example.jp> (and other recipients in the same domain).');
  });

  it("skip the title of a help article the report recommends for the server's reply", async () => {
    const r = ok(
      await classifyText(
        `Your message to ghost@example.org couldn't be delivered.
ghost wasn't found at example.org.
Clear the recipient Auto-Complete List by following the steps in this article: Fix email delivery issues for error code 5.1.10 in Office 365, and then send the message again.

More Info for Email Admins
Status code: 550 5.4.1
Directory-Based Edge Blocking rejected the recipient because it does not exist in the organization.`,
        { subject: 'Undeliverable: Figures', from: 'postmaster@example.com' },
      ),
    );
    expect(r.recipients[0].diagnostic).toMatch(/^Status code: 550 5\.4\.1 Directory-Based/);
    expect(r.recipients[0]).toMatchObject({ recipient: 'ghost@example.org', status: '5.4.1', reply: '550', hard: true });
  });

  it('never take delivery-status field lines for the words', async () => {
    const r = ok(
      await classifyText(`Final-Recipient: RFC822; kim@example.edu
X-Actual-Recipient: RFC822; |exec /usr/local/bin/procmail || exit 75 #kim@example.edu
Received-From-MTA: DNS; [192.0.2.64]
Action: failed
Status: 5.5.0`),
    );
    expect(r.recipients[0].recipient).toBe('kim@example.edu');
    expect(r.recipients[0].diagnostic).not.toMatch(/X-Actual-Recipient|Received-From-MTA/);
  });
});

describe("classify: the sender's own domain", () => {
  const exim = (reply: string) => `From: Mail Delivery System <Mailer-Daemon@mx.example.org>
To: ann@shop.example
Subject: Mail delivery failed: returning message to sender

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  kim@example.net
    host mx.example.net [192.0.2.222]
    SMTP error from remote mail server after end of data:
    ${reply}
`;

  it('said not to exist is a refused sender, not a dead recipient', async () => {
    const v = ok(await classify(exim('553 shop.example does not exist'))).recipients[0];
    expect(v).toMatchObject({ recipient: 'kim@example.net', reason: 'rejected', hard: false });
    expect(v.basis).toContain("sender's own domain");
  });

  it("is only the sender's when the reply does not name the recipient's domain as well", async () => {
    const v = ok(await classify(exim('550 5.1.1 kim@example.net does not exist (mail from shop.example)'))).recipients[0];
    expect(v).toMatchObject({ reason: 'userunknown', hard: true });
    // a longer name that merely ends like the sender's domain is another domain
    const w = ok(await classify(exim('553 myshop.example does not exist'))).recipients[0];
    expect(w.reason).not.toBe('rejected');
  });
});

describe('classify: header format errors', () => {
  it('name the broken header without being an authentication failure', async () => {
    const r = ok(await classifyText("<kim@example.com>: 554 Transaction failed: Duplicate header 'DKIM-Signature'."));
    expect(r.recipients[0]).toMatchObject({ reason: 'notcompliantrfc', hard: false });
  });
});

describe('classify: why', () => {
  it('says how the reason was decided, and shows the line that decided it', async () => {
    const r = ok(
      await classifyText(`<a@example.com>: host mx.example.com[192.0.2.1] said:
    550 Requested action not taken.
    Your mailbox is over quota, please clean it up.`),
    );
    const v = r.recipients[0];
    expect(v).toMatchObject({ reason: 'mailboxfull', statusImplied: true, status: '5.2.2' });
    expect(v.basis).toBe('the words "mailbox is over"');
    expect(v.evidence.some((e) => e.text.includes('over quota'))).toBe(true);
  });

  it('does not call a status implied when the message carries it', async () => {
    expect(ok(await classify(POSTFIX)).recipients[0]).toMatchObject({ statusImplied: false, status: '5.1.1' });
  });
});

describe('classify: bad input', () => {
  it('refuses empty input and the wrong type with a clear error', async () => {
    expect(await classify('')).toEqual({ kind: 'error', error: 'The message is empty.' });
    expect(await classify('  \n ')).toEqual({ kind: 'error', error: 'The message is empty.' });
    expect((await classify(42 as unknown as string)).kind).toBe('error');
  });

  it('refuses input over the size cap, saying so', async () => {
    const r = await classify(new Uint8Array(MAX_INPUT_BYTES + 1));
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.error).toMatch(/MB/);
  });
});

describe('classify: sizes a hostile report controls', () => {
  it('keeps a verdict small however long its server names are', async () => {
    const host = `mx.${'a'.repeat(20_000)}.example`;
    const fields = Array.from({ length: 1000 }, (_, i) => `Final-Recipient: rfc822; u${i}@example.net\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; ${host}\n`).join('\n');
    const msg = `From: MAILER-DAEMON@mx.example.net
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; ${host}

${fields}
--B--
`;
    const r = ok(await classify(msg));
    expect(r.recipients).toHaveLength(1000);
    expect(r.reportingMta.length).toBeLessThanOrEqual(300);
    expect(Math.max(...r.recipients.map((v) => v.remoteMta.length))).toBeLessThanOrEqual(300);
    // Some 20 MB of server names in; what goes to messages and storage stays under 2 MB.
    expect(JSON.stringify(r).length).toBeLessThan(2_000_000);
  });
});

describe("classify: an email service's batch of events", () => {
  const batch = (events: readonly object[], oneLine = false) => (oneLine ? JSON.stringify(events) : JSON.stringify(events, null, 2));
  const kim = { email: 'kim@example.com', event: 'bounce', type: 'bounce', bounce_classification: 'Invalid Address', status: '5.1.1', reason: '550 5.1.1 <kim@example.com>: Recipient address rejected: User unknown in local recipient table' };
  const ann = { email: 'ann@example.org', event: 'bounce', status: '5.0.0', reason: '550 Message not accepted' };

  it("never gives one event's words to another event's address, whichever comes first", async () => {
    for (const [events, oneLine] of [[[kim, ann], false], [[ann, kim], false], [[kim, ann], true]] as const) {
      const r = ok(await classifyText(batch(events, oneLine)));
      const byAddress = Object.fromEntries(r.recipients.map((v) => [v.recipient, [v.reason, v.hard]]));
      expect(byAddress['kim@example.com'], JSON.stringify(events)).toEqual(['userunknown', true]);
      expect(byAddress['ann@example.org'][1], JSON.stringify(events)).toBe(false);
      expect(byAddress['ann@example.org'][0], JSON.stringify(events)).not.toBe('userunknown');
    }
  });
});

describe("classify: a sending service's own hold", () => {
  const sendgridDrop = (email: string, reason: string) => ({ email, event: 'dropped', reason, status: '5.0.0', 'smtp-id': '<a1@ismtpd0042p1iad2.sendgrid.net>' });

  it('is no new failure of the address: onhold, never hard, with the cause the service listed it for', async () => {
    const drops = [
      sendgridDrop('old.kim@example.com', 'Bounced Address'),
      sendgridDrop('ann@example.org', 'Unsubscribed Address'),
      sendgridDrop('lee@example.net', 'Spam Reporting Address'),
      sendgridDrop('max@example.net', 'Recipient List over Package Quota'),
    ];
    const r = ok(await classifyText(JSON.stringify(drops, null, 2)));
    expect(r.kind).toBe('bounce');
    expect(r.recipients.map((v) => [v.recipient, v.reason, v.hard, v.serviceHold])).toEqual([
      ['old.kim@example.com', 'onhold', false, 'bounce'],
      ['ann@example.org', 'onhold', false, 'unsubscribe'],
      ['lee@example.net', 'onhold', false, 'complaint'],
      ['max@example.net', 'onhold', false, 'plan'],
    ]);
  });

  it('names the address of an event that carries no SMTP code at all (Mailgun 605, Mandrill, HubSpot)', async () => {
    const mailgun = { 'event-data': { event: 'failed', envelope: { sender: 'bounce+3f2a-kim=example.com@mg.sender.example' }, recipient: 'kim@example.com', severity: 'permanent', reason: 'suppress-bounce', 'delivery-status': { code: 605, message: '', description: 'Not delivering to previously bounced address' } } };
    const mandrill = [{ email: 'ann@example.org', status: 'rejected', reject_reason: 'unsub', _id: '7c1e' }];
    const hubspot = { type: 'DROPPED', recipient: 'lee@example.net', dropReason: 'PREVIOUS_SPAM' };
    for (const [payload, address, cause] of [[mailgun, 'kim@example.com', 'bounce'], [mandrill, 'ann@example.org', 'unsubscribe'], [hubspot, 'lee@example.net', 'complaint']] as const) {
      const r = ok(await classifyText(JSON.stringify(payload, null, 2)));
      expect(r.kind, address).toBe('bounce');
      expect(r.recipients.map((v) => [v.recipient, v.reason, v.hard, v.serviceHold]), address).toEqual([[address, 'onhold', false, cause]]);
    }
  });

  it("reads SES's account-level suppression list by its subtype: SES's 5.1.1 is its label, not a server's answer", async () => {
    const bounce = (subType: string, diagnosticCode?: string) =>
      JSON.stringify({
        notificationType: 'Bounce',
        bounce: { bounceType: 'Permanent', bounceSubType: subType, bouncedRecipients: [{ emailAddress: 'kim@example.com', action: 'failed', status: '5.1.1', ...(diagnosticCode ? { diagnosticCode } : {}) }] },
        mail: { source: 'news@sender.example', destination: ['kim@example.com'] },
      });
    for (const text of [bounce('OnAccountSuppressionList', 'Amazon SES did not send the message to this address because it is on the suppression list for your account.'), bounce('OnAccountSuppressionList'), bounce('Suppressed')]) {
      const [v] = ok(await classify(text)).recipients;
      expect([v.recipient, v.reason, v.hard, v.status === '5.1.1'], text).toEqual(['kim@example.com', 'onhold', false, false]);
      expect(v.serviceHold).toBeDefined();
    }
    // A real server's 5.1.1 under the General subtype stays an unknown user.
    const [real] = ok(await classify(bounce('General', 'smtp; 550 5.1.1 <kim@example.com>: Recipient address rejected: User unknown'))).recipients;
    expect([real.reason, real.hard, real.serviceHold]).toEqual(['userunknown', true, undefined]);
  });

  it('leaves a real bounce beside the holds its verdict, and its reply its own', async () => {
    const kim = { email: 'kim@example.com', event: 'bounce', status: '5.1.1', reason: '550 5.1.1 <kim@example.com>: User unknown' };
    for (const events of [[kim, sendgridDrop('ann@example.org', 'Unsubscribed Address')], [sendgridDrop('ann@example.org', 'Unsubscribed Address'), kim]]) {
      const r = ok(await classifyText(JSON.stringify(events, null, 2)));
      const by = Object.fromEntries(r.recipients.map((v) => [v.recipient, [v.reason, v.hard, v.serviceHold]]));
      expect(by).toEqual({ 'kim@example.com': ['userunknown', true, undefined], 'ann@example.org': ['onhold', false, 'unsubscribe'] });
    }
  });
});

describe("classify: an email service's listing with a complaint among its bounces", () => {
  it('reads the bounces, and a listing of the complaint alone as a complaint', async () => {
    const hard = { ID: 1, Type: 'HardBounce', TypeCode: 1, Details: 'smtp;550 5.1.1 <kim@example.com>: Recipient address rejected: User unknown in virtual mailbox table', Email: 'kim@example.com', From: 'news@sender.example', Inactive: true };
    const complaint = { ID: 2, Type: 'SpamComplaint', TypeCode: 512, Description: 'The subscriber explicitly marked this message as spam.', Email: 'ann@example.org', From: 'news@sender.example', Inactive: true };
    const both = ok(await classifyText(JSON.stringify({ TotalCount: 2, Bounces: [hard, complaint] }, null, 2)));
    expect(both.kind).toBe('bounce');
    const kim = both.recipients.find((v) => v.recipient === 'kim@example.com');
    expect([kim?.reason, kim?.hard]).toEqual(['userunknown', true]);
    // (The complaint is never made a dead address.)
    expect(both.recipients.filter((v) => v.recipient !== 'kim@example.com' && v.hard)).toEqual([]);
    expect(ok(await classifyText(JSON.stringify(complaint, null, 2))).kind).toBe('feedback');
  });
});

describe("classify: an email service's batch with a delivered event", () => {
  it('leaves out the event delivered with a bare "250 OK", whatever status the others imply', async () => {
    for (const hold of [{ email: 'ann@example.org', event: 'dropped', reason: 'Unsubscribed Address', status: '5.0.0' }, { email: 'ann@example.org', event: 'bounce', reason: '550 Rejected' }]) {
      const events = [hold, { email: 'lee@example.org', event: 'delivered', response: '250 OK' }];
      const r = ok(await classifyText(JSON.stringify(events, null, 2)));
      expect(r.recipients.map((v) => v.recipient), JSON.stringify(hold)).toEqual(['ann@example.org']);
    }
  });
});
