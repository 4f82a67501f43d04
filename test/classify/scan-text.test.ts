import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressesIn, errorTextEnd, findOriginalStart, scanText } from '../../lib/classify/scan-text';

describe('scanText', () => {
  const linesOf = (text: string) => Object.fromEntries(scanText(text, new Set()).recipients.map((r) => [r.address, r.lines.filter(Boolean)]));

  it("never takes the sender named by a log's or a trace's own fields, a CSV's sender column or a link's query for a recipient", () => {
    const named = (text: string) => scanText(text, new Set()).recipients.map((r) => r.address);
    expect(named('Mar 11 09:02:14 mx sendmail[1]: x: to=<kim@example.org>, ctladdr=<bob@sender.example> (1000/1000), stat=User unknown\nmore\nlines')).toEqual(['kim@example.org']);
    expect(named('RecipientAddress : kim@example.org\nSenderAddress    : bob@corp.example\nDetail           : 550 5.1.10 Recipient not found')).toEqual(['kim@example.org']);
    expect(named('2026-03-11 09:02:14 H=mta.example [203.0.113.9] F=<bob@sender.example> rejected RCPT <kim@example.org>: Unknown user')).toEqual(['kim@example.org']);
    expect(named('"Timestamp","Sender","Recipients","RecipientStatus"\n"3/11/2026","bob@corp.example","kim@example.org","550 5.1.1 RecipientNotFound"')).toEqual(['kim@example.org']);
    // Exim's sender callout, a ticket's writer, OpenSMTPD's rcpt= (the alias the sender wrote).
    expect(named('sender verify fail for <news@example.com>: 550 5.1.1 User unknown\nF=<news@example.com> rejected RCPT <kim@example.org>: Sender verify failed')).toEqual(['kim@example.org']);
    expect(named('Hi support, this is jane@helpdesk.example.com. Our mails to kim@example.org bounce with 554 5.7.1 blocked')).toEqual(['kim@example.org']);
    expect(named('mta delivery evpid=1 from=<news@example.com> to=<kim@example.org> rcpt=<sales@example.net> result="PermFail" stat="550 5.1.1 User unknown"')).toEqual(['kim@example.org']);
    // Postfix's orig_to= is the alias the sender wrote, which led to the address that failed.
    expect(named('postfix/smtp[1]: A1: to=<kim@example.org>, orig_to=<sales@shop.example>, relay=mx.example.org[192.0.2.25]:25, dsn=5.1.1, status=bounced')).toEqual(['kim@example.org']);
    // Sendmail logs a local user's message without brackets; the field's name is not the address's.
    expect(named('sendmail[1]: x: to=kim@example.org,lee@example.org, ctladdr=bob@sender.example (1000/1000), dsn=5.1.1, stat=User unknown')).toEqual(['kim@example.org', 'lee@example.org']);
    // A CSV's header under PowerShell's "#TYPE" line, or in a tracking log file's "#Fields:".
    expect(named('#TYPE Selected.Microsoft.Exchange.MessageTrackingEvent\n"Timestamp","EventId","Sender","Recipients","RecipientStatus"\n"3/11/2026","FAIL","bob@corp.example","kim@example.org","550 5.1.1 RecipientNotFound"')).toEqual(['kim@example.org']);
    expect(named('#Software: Microsoft Exchange Server\n#Fields: date-time,message-id,recipient-address,recipient-status,sender-address\n2026-03-11,<cakx8y3+ab=c@mail.gmail.com>,kim@example.org,550 5.1.1 RecipientNotFound,bob@corp.example')).toEqual(['kim@example.org']);
    // An address a link names first and the line then names on its own is a recipient.
    expect(named('Delivery to the following recipient failed permanently (details: https://help.example.net/ndr?address=kim@example.com&code=511): kim@example.com')).toEqual(['kim@example.com']);
    // Nor a message id, in a trace's padded field or a CSV's id column.
    expect(named('MessageId        : <ch2pr11@ch2pr11.namprd11.prod.outlook.com>\nDetail           : 550 5.1.10 RecipientNotFound\nRecipientAddress : kim@example.org')).toEqual(['kim@example.org']);
    expect(named('date-time,message_id,recipient_address,event_id,recipient_status\n2026-03-11,<abc@contoso.com>,kim@example.org,FAIL,550 5.1.1 RecipientNotFound')).toEqual(['kim@example.org']);
    expect(named('<kim@example.org>: host mx.example.org[192.0.2.30] said: 550 5.7.1 Please see http://www.openspf.net/Why?s=mfrom;id=bob@sender.example;ip=203.0.113.40')).toEqual(['kim@example.org']);
    expect(named('<kim@example.org>: host mx.example.org[192.0.2.10] said: 550 <bob@sender.example>... User unknown (in reply to MAIL FROM command)')).toEqual(['kim@example.org']);
    // A log line's own recipient stays one when the reply came to MAIL FROM.
    expect(named('postfix/smtp[1]: A1: to=<kim@example.org>, status=deferred (host mx.example.org[192.0.2.7] said: 421 4.7.0 [TSS04] deferred (in reply to MAIL FROM command))')).toEqual(['kim@example.org']);
  });

  it('keeps a reply pasted on its own line out of the recipient named on the line above', () => {
    const got = linesOf(['452 4.2.2 <lee@example.org>: Mailbox full', '550 5.1.1 <kim@example.org>: Recipient address rejected: User unknown', '554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org'].join('\n'));
    expect(got['kim@example.org']).toEqual(['550 5.1.1 <kim@example.org>: Recipient address rejected: User unknown']);
    // One multi-line reply repeats its code: its lines stay together.
    const multi = linesOf(['550-5.1.1 <kim@example.org>: The email account that you tried to reach does not exist.', '550 5.1.1 Please try double-checking the address.'].join('\n'));
    expect(multi['kim@example.org']).toHaveLength(2);
  });

  it("never drops a Sendmail host's block that a second transcript heading ends", () => {
    const got = linesOf(
      [
        '   ----- The following addresses had permanent fatal errors -----',
        '<kim@alpha.example>',
        '    (reason: 550 5.1.1 User unknown)',
        '',
        '   ----- Transcript of session follows -----',
        'While talking to mx.beta.example:',
        '>>> DATA',
        '<<< 554 5.7.1 Message refused',
        '   ----- Transcript of session follows -----',
        '... while talking to mx.alpha.example:',
        '>>> RCPT To:<kim@alpha.example>',
        '<<< 550 5.1.1 User unknown',
      ].join('\n'),
    );
    expect(got['kim@alpha.example']).toContain('<<< 554 5.7.1 Message refused');
  });

  it("gives a Sendmail transcript's host block to the recipient its summary line names, which closes it", () => {
    const got = linesOf(
      [
        '   ----- Transcript of session follows -----',
        'While talking to mx.alpha.example:',
        '>>> DATA',
        '<<< 554 Message refused: your host is on our local blocklist',
        '554 <ann@alpha.example>... Service unavailable',
        '550 beta.example (smtp)... 550 Host unknown',
        '554 <ben@beta.example>... 550 Host unknown (Authoritative answer from name server)',
        'While talking to mail.gamma.example:',
        '>>> RCPT To:<cat@gamma.example>',
        '<<< 550 No such user here',
        '550 <cat@gamma.example>... User unknown',
      ].join('\n'),
    );
    expect(got['ann@alpha.example']).toEqual(['While talking to mx.alpha.example:', '>>> DATA', '<<< 554 Message refused: your host is on our local blocklist', '554 <ann@alpha.example>... Service unavailable']);
    expect(got['ben@beta.example']).toEqual(['550 beta.example (smtp)... 550 Host unknown', '554 <ben@beta.example>... 550 Host unknown (Authoritative answer from name server)']);
    expect(got['cat@gamma.example'][0]).toBe('While talking to mail.gamma.example:');
    // A transcript after the list of failed addresses that names no one is the listed recipient's.
    const listed = linesOf(['<kim@example.jp>', '    (reason: 550 : User unknown)', '', '   ----- Transcript of session follows -----', '... while talking to mx.example.jp.:', '>>> DATA', '<<< 550 : User unknown', '554 5.0.0 Service unavailable'].join('\n'));
    expect(listed['kim@example.jp']).toContain('>>> DATA');
  });

  it("gives each address of Lotus Notes' failure reasons the reason above it", () => {
    const got = linesOf(['------- Failure Reasons  --------', '', 'User not listed in public Name & Address Book', 'ann@corp.example.com', 'Message has exceeded maximum hop count', 'ben@corp.example.com', '', '', '------- Returned Message --------'].join('\n'));
    expect(got['ann@corp.example.com']).toEqual(['User not listed in public Name & Address Book', 'ann@corp.example.com']);
    expect(got['ben@corp.example.com']).toEqual(['Message has exceeded maximum hop count', 'ben@corp.example.com']);
    // quoted in a ticket, the same
    const quoted = linesOf(['> ------- Failure Reasons  --------', '>', '> User not listed in public Name & Address Book', '> ann@corp.example.com', '> Message has exceeded maximum hop count', '> ben@corp.example.com'].join('\n'));
    expect(quoted['ann@corp.example.com']).toContain('> User not listed in public Name & Address Book');
    expect(quoted['ben@corp.example.com']).toContain('> Message has exceeded maximum hop count');
  });

  it("keeps a host's block whole through that host's own summary line, and never drops a block that names no one", () => {
    // V5 Sendmail (shared corpus bsd/lhost-v5sendmail-05.eml): the host's "421 … (smtp)... Deferred"
    // summary comes between its '<<<' reply and the recipient's line.
    const got = scanText(
      [
        'While talking to example.edu:',
        '>>> DATA',
        '<<< 550 Your E-Mail is redundant.  You cannot send E-Mail to yourself (ann@example.jp).',
        '421 example.edu (smtp)... Deferred: Connection reset by peer during result wait with example.edu',
        '554 <kim@example.edu>... Remote protocol error: Connection reset by peer during result wait with example.edu',
        'While talking to smtp.example.com:',
        '>>> QUIT',
        '<<< 421 dns.example.org Sorry, unable to contact destination SMTP daemon.',
        'While talking to mail.example.co.jp:',
        '>>> RCPT To:<cat@example.co.jp>',
        '<<< 550 Requested User Mailbox not found. No such user here.',
        '550 <cat@example.co.jp>... User unknown',
      ].join('\n'),
      new Set(['ann@example.jp']), // the sender
    );
    const kim = got.recipients.find((r) => r.address === 'kim@example.edu')!.lines;
    expect(kim).toContain('<<< 550 Your E-Mail is redundant.  You cannot send E-Mail to yourself (ann@example.jp).');
    expect(kim).toContain('421 example.edu (smtp)... Deferred: Connection reset by peer during result wait with example.edu');
    expect(got.preamble).toContain('<<< 421 dns.example.org Sorry, unable to contact destination SMTP daemon.');
  });

  it("gives a block that names no one to the recipient at its host's domain, listed before it or named after it", () => {
    // V8: a DATA refusal closed by "554 5.0.0 Service unavailable" is the listed ann's, not the next line's ben's.
    const v8 = linesOf(
      [
        '   ----- The following addresses had permanent fatal errors -----',
        '<ann@alpha.example>',
        '    (reason: 554 5.7.1 Your message looks like spam)',
        '<ben@nohost.example>',
        '    (reason: 550 Host unknown)',
        '',
        '   ----- Transcript of session follows -----',
        '... while talking to mx.alpha.example.:',
        '>>> DATA',
        '<<< 554 5.7.1 Your message looks like spam',
        '554 5.0.0 Service unavailable',
        '550 5.1.2 <ben@nohost.example>... Host unknown (Name server: nohost.example: host not found)',
      ].join('\n'),
    );
    expect(v8['ann@alpha.example']).toContain('<<< 554 5.7.1 Your message looks like spam');
    expect(v8['ben@nohost.example'].join('\n')).not.toContain('5.7.1');
    // V5: alpha's block waits for ann, named after another host's recipient.
    const v5 = linesOf(
      [
        'While talking to mail.alpha.example:',
        '>>> QUIT',
        '<<< 421 mail.alpha.example Sorry, unable to contact destination SMTP daemon.',
        '421 mail.alpha.example (smtp)... Deferred: Connection reset by peer',
        '550 nohost.example (smtp)... 550 Host unknown',
        '554 <ben@nohost.example>... 550 Host unknown (Authoritative answer from name server)',
        '<ann@alpha.example>... Cannot send message for 5 days',
      ].join('\n'),
    );
    expect(v5['ben@nohost.example']).toEqual(['550 nohost.example (smtp)... 550 Host unknown', '554 <ben@nohost.example>... 550 Host unknown (Authoritative answer from name server)']);
    expect(v5['ann@alpha.example'][0]).toBe('While talking to mail.alpha.example:');
    expect(v5['ann@alpha.example']).toContain('421 mail.alpha.example (smtp)... Deferred: Connection reset by peer');
  });

  it("gives a transcript's blocks to their own recipients when the list of failed addresses has no reasons", () => {
    // Older V8: bare addresses, then the transcript. A refusal at DATA answers both recipients at
    // its host; a Microsoft 365 tenant's server is its tenant's, not outlook.com's.
    const got = linesOf(
      [
        '   ----- The following addresses had permanent fatal errors -----',
        '<ann@alpha.example>',
        '<cat@alpha.example>',
        '<kim@outlook.com>',
        '',
        '   ----- Transcript of session follows -----',
        '... while talking to alpha-example.mail.protection.outlook.com.:',
        '>>> DATA',
        '<<< 554 5.7.1 Message rejected as spam by Content Filtering.',
        '554 5.0.0 Service unavailable',
        '... while talking to outlook-com.olc.protection.outlook.com.:',
        '>>> RCPT To:<kim@outlook.com>',
        '<<< 550 5.5.0 Requested action not taken: mailbox unavailable',
        '550 5.1.1 <kim@outlook.com>... User unknown',
      ].join('\n'),
    );
    expect(got['kim@outlook.com'].join('\n')).not.toContain('spam');
    // (The tenant's server names alpha.example in its first label: the refusal at DATA is both its recipients'.)
    expect(got['ann@alpha.example']).toContain('<<< 554 5.7.1 Message rejected as spam by Content Filtering.');
    expect(got['cat@alpha.example']).toContain('<<< 554 5.7.1 Message rejected as spam by Content Filtering.');
    const same = linesOf(['   ----- The following addresses had permanent fatal errors -----', '<ann@alpha.example>', '<cat@alpha.example>', '', '   ----- Transcript of session follows -----', '... while talking to mx.alpha.example.:', '>>> DATA', '<<< 554 5.7.1 Message rejected as spam', '554 5.0.0 Service unavailable'].join('\n'));
    expect(same['ann@alpha.example']).toContain('<<< 554 5.7.1 Message rejected as spam');
    expect(same['cat@alpha.example']).toContain('<<< 554 5.7.1 Message rejected as spam');
  });

  it("gives a block at a provider's server named for one domain (hotmail-com.olc.protection.outlook.com) to that domain's recipient", () => {
    const got = linesOf(
      [
        '   ----- The following addresses had permanent fatal errors -----',
        '<kim@outlook.com>',
        '<lee@hotmail.com>',
        '',
        '   ----- Transcript of session follows -----',
        '... while talking to outlook-com.olc.protection.outlook.com.:',
        '>>> DATA',
        "<<< 550 5.7.1 Unfortunately, messages from [192.0.2.25] weren't sent (S3150).",
        '554 5.0.0 Service unavailable',
        '... while talking to hotmail-com.olc.protection.outlook.com.:',
        '>>> DATA',
        '<<< 550 5.7.1 Service unavailable, Client host [192.0.2.25] blocked using Spamhaus (AS3140).',
        '554 5.0.0 Service unavailable',
      ].join('\n'),
    );
    expect(got['kim@outlook.com'].join('\n')).toContain('S3150');
    expect(got['kim@outlook.com'].join('\n')).not.toContain('AS3140');
    expect(got['lee@hotmail.com'].join('\n')).toContain('AS3140');
  });

  it("gives a refusal at DATA after one recipient's summary line to the session's other open recipient", () => {
    const got = linesOf(
      [
        '   ----- The following addresses had permanent fatal errors -----',
        '<kim@outlook.com>',
        '<lee@outlook.com>',
        '',
        '   ----- The following addresses had transient non-fatal errors -----',
        '<ann@alpha.example>',
        '',
        '   ----- Transcript of session follows -----',
        '... while talking to outlook-com.olc.protection.outlook.com.:',
        '>>> RCPT To:<kim@outlook.com>',
        '<<< 550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302).',
        '550 5.5.0 <kim@outlook.com>... Requested action not taken: mailbox unavailable (S2017062302)',
        '>>> DATA',
        "<<< 550 5.7.1 Unfortunately, messages from [192.0.2.25] weren't sent. Part of their network is on our block list (S3150).",
        '554 5.0.0 Service unavailable',
        '<ann@alpha.example>... Deferred: Connection timed out with mx.alpha.example.',
      ].join('\n'),
    );
    expect(got['lee@outlook.com'].join('\n')).toContain('S3150');
    expect(got['ann@alpha.example'].join('\n')).not.toContain('S3150');
    expect(got['kim@outlook.com'].join('\n')).not.toContain('S3150');
  });

  it("gives a block naming no one to the one open address of the permanent list, not to one still queued", () => {
    const got = linesOf(
      [
        '   ----- The following addresses had permanent fatal errors -----',
        '<ann@alpha.example>',
        '<cat@gamma.example>',
        '',
        '   ----- The following addresses had transient non-fatal errors -----',
        '<ben@beta.example>',
        '',
        '   ----- Transcript of session follows -----',
        '... while talking to aspmx.l.google.com.:',
        '>>> DATA',
        '<<< 550 5.7.1 message has been blocked as likely unsolicited mail - gsmtp',
        '554 5.0.0 Service unavailable',
        '... while talking to mx.gamma.example.:',
        '>>> RCPT To:<cat@gamma.example>',
        '<<< 550 5.1.1 <cat@gamma.example>... User unknown',
        '550 5.1.1 <cat@gamma.example>... User unknown',
        '<ben@beta.example>... Deferred: Connection refused by mx.beta.example.',
      ].join('\n'),
    );
    expect(got['ann@alpha.example']).toContain('<<< 550 5.7.1 message has been blocked as likely unsolicited mail - gsmtp');
    expect(got['ben@beta.example'].join('\n')).not.toContain('5.7.1');
    expect(got['cat@gamma.example'].join('\n')).not.toContain('5.7.1');
  });

  it("reads Sendmail 8.8's summary line without angle brackets as closing its block, inside a transcript only", () => {
    const got = linesOf(['   ----- Transcript of session follows -----', '550 ben@beta.example... User unknown', '... while talking to mx.gamma.example.:', '>>> DATA', '<<< 554 5.7.1 rejected as spam', '554 5.0.0 Service unavailable', '554 cat@gamma.example... Service unavailable'].join('\n'));
    expect(got['ben@beta.example']).toContain('550 ben@beta.example... User unknown');
    expect(got['ben@beta.example']).not.toContain('<<< 554 5.7.1 rejected as spam');
    expect(got['cat@gamma.example']).toContain('<<< 554 5.7.1 rejected as spam');
    // A recipient's line without a code ("<ben@…>... Deferred: 451 …") closes its block too.
    const deferred = linesOf(['   ----- Transcript of session follows -----', '<ben@beta.example>... Deferred: 451 4.4.1 reply: read error from mx.beta.example.', '... while talking to relay.example.net.:', '>>> DATA', '<<< 554 5.7.1 rejected as spam', '554 5.0.0 <ann@alpha.example>... Service unavailable'].join('\n'));
    expect(deferred['ben@beta.example'].join('\n')).not.toContain('spam');
    expect(deferred['ann@alpha.example']).toContain('<<< 554 5.7.1 rejected as spam');
    // m-FILTER's "server message" is no transcript: the lines after the address stay its own.
    const mfilter = linesOf(['kim@example.org', '', '-------server message', '550 kim@example.org... No such user', '', '-------SMTP command', 'DATA'].join('\n'));
    expect(mfilter['kim@example.org']).toContain('DATA');
  });

  it("keeps each address of Sendmail's list of failed addresses to its own reason", () => {
    const got = linesOf(['   ----- The following addresses had permanent fatal errors -----', '<ann@nx.example>', '<cat@example.org>', '    (reason: 550 5.7.1 blocked using bl.example.net)'].join('\n'));
    expect(got['ann@nx.example']).toEqual(['<ann@nx.example>']);
    expect(got['cat@example.org']).toContain('(reason: 550 5.7.1 blocked using bl.example.net)');
  });

  it('gives recipients listed one per line the block below them all', () => {
    const got = linesOf(['Delivery to the following recipients failed permanently:', '', '     ann@example.org', '     ben@example.org', '', 'Technical details of permanent failure:', '550 5.1.1 <ben@example.org>: User unknown'].join('\n'));
    expect(got['ann@example.org']).toContain('550 5.1.1 <ben@example.org>: User unknown');
    expect(got['ben@example.org']).toContain('550 5.1.1 <ben@example.org>: User unknown');
    // several on one line of nothing else are a list too, but not a display name that is an address
    const oneLine = linesOf(['Delivery failed:', '<kim@example.org>; <ann@example.org>;', '550 5.1.1 User unknown'].join('\n'));
    expect(oneLine['kim@example.org']).toContain('550 5.1.1 User unknown');
    expect(oneLine['ann@example.org']).toContain('550 5.1.1 User unknown');
    const named = linesOf(['"kim.lee@oldcorp.example" <kim@example.org>', '    (reason: 550 5.1.1 User unknown)'].join('\n'));
    expect(named['kim.lee@oldcorp.example'] ?? []).not.toContain('(reason: 550 5.1.1 User unknown)');
    // each with words of its own is no list
    const own = linesOf(['<ann@example.org>', '    (reason: 552 5.2.2 Mailbox full)', '<ben@example.org>', '    (reason: 550 5.1.1 User unknown)'].join('\n'));
    expect(own['ann@example.org'].join(' ')).not.toContain('5.1.1');
  });

  it("keeps a reply just under a recipient with it, though it quotes another recipient, and takes no alias for a recipient", () => {
    const got = linesOf(['<ann@example.org>', '    (reason: 550 5.1.1 <ben@example.org>... User unknown)', '<ben@example.org>', '    (reason: 550 5.1.1 <ben@example.org>... User unknown)'].join('\n'));
    expect(got['ann@example.org']).toEqual(['<ann@example.org>', '(reason: 550 5.1.1 <ben@example.org>... User unknown)']);
    const alias = linesOf('<kim@mailhost.example.org> (expanded from <sales@example.org>): host\n    mailhost.example.org said: 550 5.1.1 <kim@mailhost.example.org>: User unknown');
    expect(Object.keys(alias)).toEqual(['kim@mailhost.example.org']);
  });

  it('gives each failed address the lines that follow it', () => {
    const text = [
      "Hi. This is the qmail-send program at mx.example.net.",
      "I'm afraid I wasn't able to deliver your message to the following addresses.",
      '',
      '<a@example.com>:',
      'Remote host said: 550 5.1.1 no such user',
      '',
      '<b@example.org>:',
      'Remote host said: 552 5.2.2 mailbox full',
      '',
      '--- Below this line is a copy of the message.',
      '',
      'To: c@example.com',
    ].join('\n');
    const scan = scanText(text.slice(0, errorTextEnd(text)), new Set());
    expect(scan.recipients.map((r) => r.address)).toEqual(['a@example.com', 'b@example.org']);
    expect(scan.recipients[1].lines).toContain('Remote host said: 552 5.2.2 mailbox full');
    expect(scan.errorText).not.toContain('c@example.com');
  });

  it("does not take the address a reply calls the sender's for a recipient, even where the line wraps", () => {
    const text = `<kim@example.jp>: host mx.example.jp[192.0.2.22] said: 553 5.1.8
    <me@box.example.org>... Domain of sender address
    me@box.example.org does not exist (in reply to MAIL FROM command)

<lee@example.jp>: host mx.example.jp[192.0.2.22] said: 553
    5.1.8 <me@box.example.org>... Domain of sender address me@box.example.org does not exist
`;
    expect(scanText(text, new Set()).recipients.map((r) => r.address)).toEqual(['kim@example.jp', 'lee@example.jp']);
    // Sendmail naming the recipient the same way stays a recipient.
    expect(scanText('<<< 550 5.1.1 <kim@example.edu>... User unknown\n', new Set()).recipients.map((r) => r.address)).toEqual(['kim@example.edu']);
  });

  it('skips excluded, daemon and header-line addresses', () => {
    const scan = scanText('From: x@example.com\nMAILER-DAEMON@example.net says\nsender@example.com failed to reach\n<d@example.com>: 550 unknown', new Set(['sender@example.com']));
    expect(scan.recipients.map((r) => r.address)).toEqual(['d@example.com']);
  });
});

describe('addressesIn', () => {
  it('lower-cases, dedupes and skips addresses inside URLs', () => {
    expect(addressesIn('A@Example.COM, a@example.com and https://x.example/b@example.com')).toEqual(['a@example.com']);
  });

  it('leaves out a Korean or Japanese particle written straight after the address, not a domain in that script', () => {
    expect(addressesIn('jihoon.park@naver.com에 메일이 전송되지 않았습니다')).toEqual(['jihoon.park@naver.com']);
    expect(addressesIn('kim@example.jpへのメール')).toEqual(['kim@example.jp']);
    expect(addressesIn('kim@example.한국 으로')).toEqual(['kim@example.한국']);
  });

  it('leaves out a Chinese, Japanese or Korean word meaning "to" written straight before an ASCII address, not a name', () => {
    expect(addressesIn('您的邮件未能送达wang.fang@gmail.com，因为找不到该地址')).toEqual(['wang.fang@gmail.com']);
    expect(addressesIn('您发送到kim@example.cn的邮件')).toEqual(['kim@example.cn']);
    expect(addressesIn('메일을 수신자에게kim@example.kr')).toEqual(['kim@example.kr']);
    // a name in two scripts, and a local part wholly in another script, stay whole
    expect(addressesIn('山田taro@example.jp')).toEqual(['山田taro@example.jp']);
    expect(addressesIn('日向taro@example.jp')).toEqual(['日向taro@example.jp']);
    expect(addressesIn('您的邮件无法发送至li.na@example.cn')).toEqual(['li.na@example.cn']);
    expect(addressesIn('다음 주소로kim@example.kr')).toEqual(['kim@example.kr']);
    expect(addressesIn('メッセージはtaro.yamada@example.jp宛てに配信されませんでした')).toEqual(['taro.yamada@example.jp']);
    // a short run ending in a one-character word may be a name, and an address in angle brackets is given whole
    expect(addressesIn('はがtaro@example.jp')).toEqual(['はがtaro@example.jp']);
    expect(addressesIn('李到li@example.cn')).toEqual(['李到li@example.cn']);
    expect(addressesIn('\u{2000B}到li@example.cn')).toEqual(['\u{2000B}到li@example.cn']); // a character beyond the BMP counts once
    expect(addressesIn('宛先: <您的邮件未能送达wang@example.cn>')).toEqual(['您的邮件未能送达wang@example.cn']);
    expect(addressesIn('用户到@example.cn')).toEqual(['用户到@example.cn']);
  });

  it('cuts a link\'s text glued to the address by a copied page, but keeps a top-level domain in capitals', () => {
    expect(addressesIn('There was a problem delivering your message to kim@example.comLearn more.')).toEqual(['kim@example.com']);
    expect(addressesIn('to Kim@Example.OrgSee details')).toEqual(['kim@example.org']);
    expect(addressesIn('kim@EXAMPLE.COM and lee@example.CoM')).toEqual(['kim@example.com', 'lee@example.com']);
  });

  it('never takes part of an address for one: not the tail of a long local part, the first labels of a long domain, or an address quoted inside a local part', () => {
    expect(addressesIn(`${'k'.repeat(70)}@example.org`)).toEqual([]);
    expect(addressesIn(`kim@${Array.from({ length: 10 }, (_, i) => `l${i}`).join('.')}.example`)).toEqual([]);
    expect(addressesIn('550 5.1.1 <"kim@example.net"@relay.example.org>: User unknown')).toEqual([]);
  });

  it("takes no inline image's content id for an address, but keeps a punycode top-level domain", () => {
    expect(addressesIn('[cid:image003.png@01DC6A2B.3F4E5D60] kim@example.com')).toEqual(['kim@example.com']);
    expect(addressesIn('kim@example.xn--3e0b707e')).toEqual(['kim@example.xn--3e0b707e']);
  });
});

describe('addressesIn, against a regular expression of the same grammar', () => {
  // The grammar addressesIn scans by hand, as a (slower) Unicode regular expression.
  // (A local part of more than 64 characters, or a domain of more than nine labels, is none.)
  // (Each domain label is as long as it runs, up to 63 characters.)
  const LABEL = '(?:[\\p{L}\\p{M}\\p{N}-]{63}|[\\p{L}\\p{M}\\p{N}-]{1,62}(?![\\p{L}\\p{M}\\p{N}-]))';
  const ORACLE = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}!#$%&'*+=?^_\`{|}~.-])[\\p{L}\\p{M}\\p{N}!#$%&'*+=?^_\`{|}~.-]{1,64}@${LABEL}(?:\\.${LABEL}){1,8}(?!\\.[\\p{L}\\p{M}\\p{N}-])`, 'gu');
  function oracle(line: string): string[] {
    const out: string[] = [];
    for (const m of line.matchAll(ORACLE)) {
      // A capitalised word glued into the last label after a lower-case letter ("example.comLearn").
      let addr = m[0].replace(/^([^]*@[^]*\.[^.][^.]*?[a-z])[A-Z][a-z][^.]*$/u, '$1').toLowerCase().replace(/^(?:宛先|あて先|送信先|受信者|受取人|メールアドレス|アドレス|收件人|收件者|收信人|地址|收件地址|수신자|받는사람)[:：]?/u, '');
      // A particle glued to the end: a last domain label that starts in ASCII ends with it.
      addr = addr.replace(/(@[^@]*\.[\x00-\x2d\x2f-\x7f]+)[^\x00-\x7f][^.@]*$/u, '$1');
      // A word meaning "to" glued to the front of an all-ASCII address ("送达kim@…"); a
      // one-character one only after two characters or more; none inside angle brackets.
      const bracketed = m.index > 0 && (line[m.index - 1] === '<' || line[m.index - 1] === '‹');
      if (addr.charCodeAt(0) >= 128 && !bracketed) addr = addr.replace(/^(?:[^\x00-\x7f]*(?:送达|送達|发送到|發送到|发送至|發送至|传送至|傳送至|发往|發往|寄往|寄给|寄給|寄至|发给|發給|无法向|無法向|への|あてに|宛てに|에게|으로|주소로)|[^\x00-\x7f]{2,}(?:到|给|給|は|を|が|へ))(?=[^@\x80-\u{10ffff}][\x00-\x7f]*$)/u, '');
      while (addr.startsWith('.') || addr.startsWith('-') || addr.startsWith("'")) addr = addr.slice(1);
      while (addr.endsWith('.') || addr.endsWith('-')) addr = addr.slice(0, -1);
      const before = m.index > 0 ? line[m.index - 1] : ' ';
      if (before === '/' || before === '=') continue;
      if (addr.indexOf('@') <= 0 || addr.indexOf('.', addr.indexOf('@')) === -1) continue;
      const tld = addr.slice(addr.lastIndexOf('.') + 1);
      if (!tld.startsWith('xn--') && /\d/.test(tld)) continue; // no top-level domain has a digit
      if (!out.includes(addr)) out.push(addr);
    }
    return out;
  }

  it('finds the same addresses on random lines', () => {
    const unit = fc.constantFrom('a', 'B', '1', '@', '.', '-', ' ', '<', '>', '/', '=', "'", 'é', '宛', '先', '到', '𠀋', '_', '\u0301', 'ि');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), (line) => {
        expect(addressesIn(line)).toEqual(oracle(line));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on long parts: 64-character local parts, 63-character labels, nine labels', () => {
    const lines = [
      `${'x'.repeat(70)}@example.com`,
      `a@${'b'.repeat(70)}.com`,
      `a@b.${'c'.repeat(70)}.com`,
      `a@${Array.from({ length: 12 }, (_, i) => `l${i}`).join('.')}`,
      'a@b@c.com x@y z@a.com',
      // a one-character word after fewer than two characters, or in angle brackets, is kept
      '到ab@example.com 宛先到ab@example.com <到先到ab@example.com> 𠀋到ab@example.com 𠀋𠀋到ab@example.com',
    ];
    for (const line of lines) expect(addressesIn(line), line).toEqual(oracle(line));
  });
});

describe('addressesIn, other scripts', () => {
  it('keeps internationalised addresses and drops Japanese text glued to one', () => {
    expect(addressesIn('宛先kijitora@example.jp と ünïcode@exämple.de')).toEqual(['kijitora@example.jp', 'ünïcode@exämple.de']);
  });
});

describe('findOriginalStart', () => {
  it('finds the line where the returned message starts', () => {
    const lower = 'failed.\n------ this is a copy of the message, including all the headers. ------\nfrom: x';
    expect(findOriginalStart(lower)).toBe(8);
  });

  it('reads the markers in any letter case, and says so when there is none', () => {
    expect(findOriginalStart('Failed.\n------ This is a copy of the message ------\nFrom: x')).toBe(8);
    expect(findOriginalStart('x\n--- Below this line is a copy of the message.\n')).toBe(2);
    expect(findOriginalStart('no copy here')).toBe(12);
  });
});
