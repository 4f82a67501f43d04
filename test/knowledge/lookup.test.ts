/**
 * lookup(): pasted codes, tokens, reply lines and whole bounces.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyText } from '../../lib/classify/classify';
import { explainReply, explainStatus, lookup, MAX_LOOKUP_CHARS, REPLY_ROWS, STATUS_ROWS } from '../../lib/knowledge';
import { SHARED_CORPUS, needShared } from '../shared-data';

const NO_CORPUS = needShared('corpus', 'the lookup of a whole bounce from the corpus');

const first = async (q: string) => {
  const r = await lookup(q);
  expect(r.results.length, q).toBeGreaterThan(0);
  return r.results[0];
};

describe('codes', () => {
  it('550 5.1.1: the address does not exist, suppress it', async () => {
    const e = await first('550 5.1.1');
    expect(e).toMatchObject({ reply: '550', status: '5.1.1', reason: 'userunknown', suppress: true, permanent: true, layer: 'recipient' });
    expect(e.retry.kind).toBe('none');
  });

  it('5.7.26 and 550-5.7.26: authentication, never suppress, sender signal, names SPF, DKIM and DMARC', async () => {
    for (const q of ['5.7.26', '550-5.7.26']) {
      const e = await first(q);
      expect(e).toMatchObject({ status: '5.7.26', reason: 'authfailure', suppress: false, senderSignal: true, whoActs: 'sender' });
      const words = `${e.headline} ${e.steps.join(' ')}`;
      for (const w of ['SPF', 'DKIM', 'DMARC']) expect(words, q).toContain(w);
    }
  });

  it('421 4.7.0: pause the whole sending', async () => {
    const e = await first('421 4.7.0');
    expect(e).toMatchObject({ reply: '421', status: '4.7.0', permanent: false, suppress: false, senderSignal: true });
    expect(e.retry.kind).toBe('pause');
  });

  it('4.2.2: mailbox full, retry, do not suppress', async () => {
    const e = await first('4.2.2');
    expect(e).toMatchObject({ reason: 'mailboxfull', suppress: false, permanent: false, layer: 'mailbox-capacity' });
    expect(e.retry.kind).toBe('backoff');
    expect(e.softToHard).not.toBe('');
  });

  it('421 alone: a temporary refusal, explained from the reply code', async () => {
    const e = await first('421');
    expect(e).toMatchObject({ reply: '421', status: '', permanent: false, suppress: false });
    expect(e.title).toBe(explainReply('421')!.title);
  });

  it('says plainly that success and intermediate replies are not failures', async () => {
    for (const q of ['250', '220', '354']) {
      const e = await first(q);
      expect(e.headline, q).toMatch(/not a failure/);
      expect(e).toMatchObject({ suppress: false, senderSignal: false, permanent: false, steps: [] });
    }
  });

  it('shows a documented provider reading of a registered code next to the registry meaning', async () => {
    const r = await lookup('4.7.27');
    expect(r.results[0].title).toBe(explainStatus('4.7.27')!.title);
    expect(r.results.some((e) => e.provider === 'google' && e.reason === 'authfailure')).toBe(true);
    const ex = await lookup('5.4.1');
    expect(ex.results.map((e) => `${e.provider}:${e.reason}`)).toEqual([':networkerror', 'microsoft:norelaying', 'microsoft:userunknown']);
    const quota = await lookup('5.2.2');
    expect(quota.results.map((e) => `${e.provider}:${e.reason}`)).toEqual([':mailboxfull', 'microsoft:speeding']);
    // Exchange Online answers 5.1.10 (registry: null MX) for an unknown recipient: in practice
    // that is what it means, so that reading comes first, unless the words say null MX.
    expect((await lookup('550 5.1.10')).results.map((e) => `${e.provider}:${e.reason}`)).toEqual(['microsoft:userunknown', ':notaccept']);
    // words that confirm the registry meaning leave no other reading
    expect((await lookup('5.1.10 Recipient address has null MX')).results.map((e) => `${e.provider}:${e.reason}`)).toEqual([':notaccept']);
    expect((await lookup('552 5.2.2 Mailbox full')).results.map((e) => `${e.provider}:${e.reason}`)).toEqual([':mailboxfull']);
    // A null MX is final whatever the code: Gmail reports one with 4.0.0.
    const nullMx = (await lookup("4.0.0 The domain example.org doesn't receive email according to the administrator: returned Null MX")).results[0];
    expect([nullMx.reason, nullMx.permanent, nullMx.suppress]).toEqual(['notaccept', true, true]);
    expect((await lookup('421 4.3.2 Service not accepting mail right now')).results[0].suppress).toBe(false);
    // Codes that providers merely use as the registry means add nothing.
    expect((await lookup('4.7.1')).results).toHaveLength(1);
    expect((await lookup('550 5.1.1')).results).toHaveLength(1);
  });

  it('says when the results are alternative readings of one code, and only then', async () => {
    expect((await lookup('5.2.2')).note).toMatch(/^5\.2\.2 has 2 possible readings below\. .*who sent the bounce/);
    const privateCode = await lookup('5.0.350');
    expect(privateCode.note).toContain(`has ${privateCode.results.length} possible readings`);
    expect(privateCode.results.length).toBeGreaterThan(1);
    for (const one of ['550 5.1.1', '4.7.1', 'S3150', '550 5.7.1 S3150']) expect((await lookup(one)).note, one).toBeUndefined();
  });

  it('explains private provider codes through their owners', async () => {
    const e = await first('5.7.606');
    expect(e).toMatchObject({ provider: 'microsoft', reason: 'blocked', suppress: false, helpUrl: 'https://sender.office.com/' });
    const o = await first('550 5.7.515');
    expect(o).toMatchObject({ provider: 'microsoft', reason: 'authfailure', senderSignal: true });
  });

  it('answers honestly for codes that do not exist', async () => {
    const bad = await lookup('9.9.9');
    expect(bad.results).toEqual([]);
    expect(bad.message).toMatch(/not an SMTP status code/);
    const odd = await first('5.9.99');
    expect(odd).toMatchObject({ status: '5.9.99', permanent: true, suppress: false, reason: 'undefined' });
    expect(odd.whatHappened).toMatch(/subject/);
    const priv = await first('5.1.99');
    expect(priv.suppress).toBe(false);
    expect(priv.whatHappened).toMatch(/not in the IANA registry/);
  });
});

describe('every table row through lookup', () => {
  it('explains each status and reply sample by its own row', async () => {
    for (const r of STATUS_ROWS) {
      const e = await first(r.sample);
      expect(e.status, r.sample).toBe(r.sample.split(' ')[0]);
      expect(e.title, r.sample).toBe(r.title);
    }
    for (const r of REPLY_ROWS) {
      const e = await first(r.sample);
      expect(e.reply, r.sample).toBe(r.code);
    }
  });
});

describe('provider tokens', () => {
  it('S3150: Microsoft blocklist with a delisting step', async () => {
    const e = await first('S3150');
    expect(e).toMatchObject({ provider: 'microsoft', reason: 'blocked', suppress: false, senderSignal: true, providerTokens: ['S3150'] });
    expect(e.steps.some((s) => s.includes('https://olcsupport.office.com/'))).toBe(true);
  });

  it('TSS04 and TS01: Yahoo deferrals, pause', async () => {
    for (const q of ['TSS04', '[TS01]']) {
      const e = await first(q);
      expect(e.provider, q).toBe('yahoo');
      expect(e.permanent, q).toBe(false);
      expect(e.retry.kind, q).toBe('pause');
    }
  });

  it('tokens typed beside codes, or several together, are each read', async () => {
    expect(await first('550 5.7.1 S3150')).toMatchObject({ provider: 'microsoft', reason: 'blocked', reply: '550', status: '5.7.1' });
    expect(await first('421 TSS04')).toMatchObject({ provider: 'yahoo', permanent: false });
    const both = await lookup('TSS04 S3150');
    expect(both.results.map((e) => e.provider)).toEqual(['yahoo', 'microsoft']);
    // In running text a bare word is not taken for a token: only what stands as one in context.
    const prose = await lookup('We tried again and again but the mail to our friend Nosuchuser still bounced back to us, with no code at all in it.');
    expect(prose.results.every((e) => e.provider !== 'google')).toBe(true);
  });

  it("Postfix's policy 'Access denied' is no Microsoft unknown recipient without Microsoft's own code", async () => {
    const e = await first('550 5.7.1 <rita@example.org>: Recipient address rejected: Access denied');
    expect(e.suppress).toBe(false);
    expect(e.provider).not.toBe('microsoft');
    expect((await lookup('Recipient address rejected: Access denied')).results.some((r) => r.suppress)).toBe(false);
    expect(await first('550 5.4.1 Recipient address rejected: Access denied. AS(201806281)')).toMatchObject({ provider: 'microsoft', suppress: true });
    expect(await first('550 5.7.504 Recipient address rejected: Access denied')).toMatchObject({ provider: 'microsoft', suppress: true });
  });

  it('AS(201806281): Microsoft directory check, the recipient does not exist', async () => {
    const e = await first('AS(201806281)');
    expect(e).toMatchObject({ provider: 'microsoft', reason: 'userunknown', suppress: true });
  });

  it('Google help topics, with or without p=', async () => {
    for (const q of ['p=NoSuchUser', 'NoSuchUser', 'https://support.google.com/mail/?p=NoSuchUser', 'answer/6596']) {
      const e = await first(q);
      expect(e, q).toMatchObject({ provider: 'google', reason: 'userunknown', suppress: true });
    }
    const dmarc = await first('p=DmarcRejection');
    expect(dmarc).toMatchObject({ provider: 'google', reason: 'authfailure', suppress: false });
  });

  it('a pasted reply line is read by its words and codes', async () => {
    const e = await first("550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy. - gsmtp");
    expect(e).toMatchObject({ provider: 'google', reason: 'authfailure', suppress: false, senderSignal: true });
    const same = await first('550 5.7.28 unusual rate of unsolicited mail originating from your IP address. gsmtp');
    expect(same.permanent).toBe(true);
    const temp = await first('421 4.7.28 unusual rate of unsolicited mail originating from your IP address. gsmtp');
    expect(temp.permanent).toBe(false);
    expect(temp.retry.kind).toBe('pause');
  });
});

describe('a pasted reply read as the classifier reads it', () => {
  it("takes the remote server's paired codes inside a relay's wrapper", async () => {
    const first = (await lookup("5.1.0 - Unknown address error 550-'5.2.2 <kim@example.org>... Mailbox Full' (delivery attempts: 0)")).results[0];
    expect(first).toMatchObject({ status: '5.2.2', reply: '550', reason: 'mailboxfull', suppress: false });
  });

  it("reads Apple's private relay refusing an unregistered sender as the sender refused, whatever its 5.1.1", async () => {
    const r = (await lookup('550 5.1.1 <bounce+b53c9e=privaterelay.appleid.com@mg.shop.example>: unauthorized sender')).results[0];
    expect([r.reason, r.suppress]).toEqual(['rejected', false]);
  });

  it('reads X.1.7 and X.1.8 as the sender refused, whatever the words', async () => {
    for (const paste of ['550 5.1.7 No such domain', '550 5.1.8 No such domain']) expect((await lookup(paste)).results[0], paste).toMatchObject({ reason: 'rejected', suppress: false });
  });

  it('reads address words under a policy status by the stage, as the classifier does', async () => {
    expect((await lookup('550 5.7.1 User unknown (in reply to MAIL FROM command)')).results[0]).toMatchObject({ reason: 'rejected', suppress: false });
    expect((await lookup('554 5.7.1 No such user (in reply to HELO command)')).results[0]).toMatchObject({ reason: 'blocked', suppress: false });
  });

  it('reads "user unknown" answered to the message data as a filter', async () => {
    expect((await lookup('550 Unknown user (in reply to end of DATA command)')).results[0]).toMatchObject({ reason: 'filtered', suppress: false });
    expect((await lookup('550 5.1.1 Unknown user (in reply to end of DATA command)')).results[0]).toMatchObject({ reason: 'userunknown', suppress: true });
    expect((await lookup('550 Unknown user (in reply to RCPT TO command)')).results[0]).toMatchObject({ reason: 'userunknown', suppress: true });
  });
});

describe("Exchange's resolver codes", () => {
  it("read a restriction of the recipient's organisation as theirs to lift, not the sender's login", async () => {
    const notAuthorized = (await lookup('550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized')).results[0];
    expect(notAuthorized).toMatchObject({ provider: 'microsoft', reason: 'filtered', suppress: false, whoActs: 'recipient' });
    const authRequired = (await lookup('550 5.7.1 RESOLVER.RST.AuthRequired; authentication required')).results[0];
    expect(authRequired).toMatchObject({ provider: 'microsoft', reason: 'securityerror', suppress: false, whoActs: 'recipient' });
    for (const e of [notAuthorized, authRequired]) expect(e.steps.join(' ')).not.toMatch(/SMTP AUTH|port 587|STARTTLS/);
  });
});

describe('words several providers use', () => {
  it('name no provider without a host name, and the right one with it', async () => {
    for (const paste of ['This account is over quota', 'User is receiving mail too quickly', 'user is over quota']) {
      const first = (await lookup(paste)).results[0];
      expect(first?.provider, paste).toBe('');
      expect(['mailboxfull', 'speeding'], paste).toContain(first?.reason);
    }
    expect((await lookup('450 User is receiving mail too quickly (mta7.am0.yahoodns.net)')).results[0].provider).toBe('yahoo');
    expect((await lookup('452 4.2.2 The email account that you tried to reach is over quota - gsmtp')).results[0].provider).toBe('google');
  });

  it("read a message's virus, not a sending host's infection, as a virus found", async () => {
    expect((await first('550 Message infected by virus')).reason).toBe('virusdetected');
    // A scanner names the virus it found ("infected by" its signature): the message's virus all the same.
    expect((await first('550 5.7.1 Message infected by Win.Test.EICAR_HDB-1')).reason).toBe('virusdetected');
    expect((await first('554 5.7.1 Rejected: mail infected by W32/Mydoom.A@mm')).reason).toBe('virusdetected');
    // A blocklist's note that the sending machine runs a spam bot is about the IP, not the message.
    expect((await first('554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked: your computer appears to be infected by a spam bot')).reason).toBe('blocked');
  });

  it("name no provider in words any server writes (Exchange's DNS failure, Gmail's PTR refusal, Comcast's throttling, Mimecast's size limit, QQ's content and IP refusals), and still read their cause", async () => {
    const pastes: [string, string][] = [
      ['DNS query failed', 'networkerror'],
      ['550 The sending host does not have a PTR record', 'requireptr'],
      ['421 Throttled - try again later', 'speeding'],
      ['554 Maximum email size exceeded', 'mesgtoobig'],
      ['550 Mail content denied', 'filtered'],
      ['550 Suspected spam ip', 'spamdetected'],
    ];
    for (const [paste, reason] of pastes) {
      expect((await first(paste)).provider, paste).toBe('');
      expect((await first(paste)).reason, paste).toBe(reason);
    }
    expect((await first('421 4.1.0 Throttled - try again later (mx1a1.comcast.net)')).provider).toBe('comcast');
    expect((await first('550 Mail content denied (mx3.qq.com)')).provider).toBe('tencent');
  });

  it("do not make any server's authentication, TLS or spam refusal QQ's, Gmail's, iCloud's or Mail.ru's", async () => {
    const pastes: [string, string][] = [
      ['550 5.7.1 Message rejected: SPF check failed for example.com', 'tencent'],
      ['530 5.7.0 Must issue a STARTTLS command first', 'google'],
      ['554 5.6.0 Message is malformed', 'google'],
      ['421 4.4.5 Server busy, try again later', 'google'],
      ['550 5.7.1 Message rejected due to local policy', 'apple'],
      ['550 Spam message rejected', 'mailru'],
      ['550 5.1.1 The address is no longer valid', 'yahoo'],
    ];
    for (const [paste, owner] of pastes) {
      const first = (await lookup(paste)).results[0];
      expect(first?.provider, paste).not.toBe(owner);
      expect(first?.headline, paste).not.toMatch(/^(?:QQ Mail|Gmail|Google|iCloud|Apple|Mail\.ru|Yahoo)\b/);
    }
    // With the provider's own host name, the provider's reading stands.
    expect((await lookup('550 SPF check failed (mx3.qq.com)')).results[0].provider).toBe('tencent');
  });
});

describe("a provider's private code", () => {
  it("gives only the provider's card where its row explains that exact code, no generic policy card beside it", async () => {
    for (const [code, provider] of [['5.7.515', 'microsoft'], ['4.7.40', 'google'], ['5.7.40', 'google']] as const) {
      const r = await lookup(code);
      expect(r.results.map((e) => e.provider), code).toEqual([provider]);
      expect(r.results[0].reason, code).toBe('authfailure');
    }
  });
});

describe('a bare generic status', () => {
  it('does not claim a cause its code does not name', async () => {
    const e = (await lookup('421 4.7.0')).results[0];
    expect(e.headline).not.toMatch(/sending faster/);
    expect(e.suppress).toBe(false);
    expect(e.whatHappened).toMatch(/the words after the code say which/);
  });
});

describe('several codes typed together', () => {
  it('explains each status on its own, with the reply written before it', async () => {
    const two = await lookup('550 5.1.1 452 4.2.2');
    expect(two.results.map((e) => [e.reply, e.status, e.reason, e.suppress])).toEqual([
      ['550', '5.1.1', 'userunknown', true],
      ['452', '4.2.2', 'mailboxfull', false],
    ]);
    expect((await lookup('5.1.1 4.2.2')).results.map((e) => e.status)).toEqual(['5.1.1', '4.2.2']);
    expect(two.note).toBe('2 codes, each explained on its own below.');
    // a code with several readings among them: the note says why there are more cards than codes
    expect((await lookup('5.1.1 5.2.2')).note).toMatch(/^2 codes, .*more than one possible reading/);
    // one status with its token stays one question
    expect((await lookup('550 5.7.1 S3150')).results).toHaveLength(1);
    // "/", "&" and "and" list codes as a comma does
    for (const q of ['550 5.1.1 / 5.7.26', '5.1.1 & 5.7.26', '550 5.1.1 and 5.7.26', '550 5.1.1 and/or 5.7.26']) {
      expect((await lookup(q)).results.map((e) => e.status), q).toEqual(['5.1.1', '5.7.26']);
    }
    expect((await lookup('5.1.1 / S3150')).results.map((e) => e.reason)).toEqual(['userunknown', 'blocked']);
    // a label before the list is no code
    expect((await lookup('Error codes: 550 5.1.1, 5.7.26, S3150')).results.map((e) => e.reason)).toEqual(['userunknown', 'authfailure', 'blocked']);
    // a token listed after a comma is a code of its own, not the meaning of the status before it
    const listed = await lookup('550 5.1.1, 5.7.26, S3150');
    expect(listed.results.map((e) => [e.status, e.reason])).toEqual([
      ['5.1.1', 'userunknown'],
      ['5.7.26', 'authfailure'],
      ['5.7.1', 'blocked'],
    ]);
  });
});

describe('mail log lines pasted together', () => {
  it("read each line's own state: a deferred message is still queued, a bounced one failed", async () => {
    const log = [
      'Mar  4 11:15:40 mail postfix/smtp[1]: 6C7D: to=<a@example.org>, relay=mx.example.org[192.0.2.1]:25, dsn=4.2.2, status=deferred (host said: 452 4.2.2 mailbox full)',
      'Mar  4 11:15:41 mail postfix/smtp[1]: 6C7E: to=<b@example.org>, relay=mx.example.org[192.0.2.1]:25, dsn=5.1.1, status=bounced (host said: 550 5.1.1 user unknown)',
    ].join('\n');
    const r = await lookup(log);
    expect(r.classification?.recipients.map((v) => [v.recipient, v.action, v.reason])).toEqual([
      ['a@example.org', 'delayed', 'mailboxfull'],
      ['b@example.org', 'failed', 'userunknown'],
    ]);
    expect(r.results.map((e) => e.suppress)).toEqual([false, true]);
  });
});

describe('pastes from tickets, logs and webhooks', () => {
  it("never takes a signature's phone number for a reply code, so never lists the writer", async () => {
    const ticket = (sig: string) => `Hi, my mail bounced:\n\n> <kim@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 user unknown\n\nThanks,\nJo\njo@example.com ${sig}\n`;
    for (const sig of ['| +1 555 0100', '| Tel: 550 1234', '| (512) 555-0143', '| Mobil: +49 551 1234567']) {
      const r = await lookup(ticket(sig));
      expect(r.classification?.recipients.map((v) => v.recipient), sig).toEqual(['kim@example.org']);
    }
  });

  it("reads a log's last outcome for a recipient, and a webhook's events written on one line each apart", async () => {
    const log = [
      'Mar  4 10:00:00 mx postfix/smtp[1]: 6C7D: to=<kim@example.org>, relay=mx.example.org[192.0.2.1]:25, dsn=4.4.2, status=deferred (conversation timed out)',
      'Mar  4 11:00:00 mx postfix/smtp[1]: 6C7D: to=<kim@example.org>, relay=mx.example.org[192.0.2.1]:25, dsn=4.4.2, status=deferred (conversation timed out)',
      'Mar  4 12:00:00 mx postfix/smtp[1]: 6C7D: to=<kim@example.org>, relay=mx.example.org[192.0.2.1]:25, dsn=5.1.1, status=bounced (host said: 550 5.1.1 <kim@example.org>: User unknown)',
    ].join('\n');
    expect((await lookup(log)).results.map((e) => [e.reason, e.suppress])).toEqual([['userunknown', true]]);
    // The log's "from=<…>" is the sender, never a recipient; its "to=<support@…>" is one, role address or not.
    const withSender = `Mar  4 09:01:11 mx postfix/qmgr[1]: 6C7D: from=<ana@example.com>, size=3300, nrcpt=1 (queue active)\n${log.replaceAll('kim@example.org', 'support@example.org')}`;
    expect((await lookup(withSender)).classification?.recipients.map((v) => [v.recipient, v.hard])).toEqual([['support@example.org', true]]);
    // Exim's main log: "**" marks a failed delivery, each line its own address.
    const exim = '2024-05-06 10:14:04 1sA1b2-000Abc-Q1 ** kim@example.org R=dnslookup T=remote_smtp: retry timeout exceeded\n2024-05-06 10:14:04 1sA1b2-000Abc-Q1 ** lee@example.org R=dnslookup T=remote_smtp: retry timeout exceeded';
    expect((await lookup(exim)).classification?.recipients.map((v) => [v.recipient, v.reason, v.hard])).toEqual([
      ['kim@example.org', 'expired', false],
      ['lee@example.org', 'expired', false],
    ]);
    const events = JSON.stringify([
      { email: 'kim@example.org', event: 'bounce', status: '5.1.1', reason: '550 5.1.1 <kim@example.org>: User unknown' },
      { email: 'lee@example.net', event: 'bounce', status: '5.7.1', reason: '550 5.7.1 client host [198.51.100.3] blocked using b.barracudacentral.org' },
    ]);
    const r = await lookup(events);
    expect(r.classification?.recipients.map((v) => v.recipient)).toEqual(['kim@example.org', 'lee@example.net']);
    expect(r.results.map((e) => e.suppress)).toEqual([true, false]);
    // Events side by side on one line, as a log viewer copies them, each its own; a role
    // address in an event's recipient field is that event's recipient.
    const sideBySide = [
      { event: 'failed', severity: 'permanent', recipient: 'admin@example.org', 'delivery-status': { code: 550, message: '5.1.1 <admin@example.org>: user unknown' } },
      { event: 'failed', severity: 'permanent', recipient: 'helpdesk@example.net', 'delivery-status': { code: 550, message: '5.1.1 <helpdesk@example.net>: user unknown' } },
    ].map((e) => JSON.stringify(e)).join(' ');
    expect((await lookup(sideBySide)).classification?.recipients.map((v) => [v.recipient, v.hard])).toEqual([
      ['admin@example.org', true],
      ['helpdesk@example.net', true],
    ]);
  });
});

describe("a sending service's own hold, pasted", () => {
  it('is explained as the service holding the message back, never as a dead address, spam or a full mailbox', async () => {
    for (const q of ['Bounced Address', 'Spam Reporting Address', 'Recipient List over Package Quota', '605 Not delivering to previously bounced address', 'OnAccountSuppressionList', '554 5.7.1 recipient address suppressed due to customer policy']) {
      const r = await lookup(q);
      expect(r.results.map((e) => [e.reason, e.suppress]), q).toEqual([['onhold', false]]);
      expect(r.results[0].headline, q).toContain('sending service held the message back');
    }
  });

  it("is not read in a server's reply whose detailed status says what failed, as the classifier reads it", async () => {
    const r = await lookup('550 5.1.1 <kim@example.org>: bounced address: user unknown');
    expect(r.results.map((e) => [e.reason, e.suppress])).toEqual([['userunknown', true]]);
  });
});

describe('several replies pasted one per line', () => {
  it('explains each reply on its own, not only the first', async () => {
    const two = await lookup('550 5.1.1 user unknown\n452 4.2.2 mailbox full');
    expect(two.results.map((e) => [e.reply, e.status, e.reason, e.suppress])).toEqual([
      ['550', '5.1.1', 'userunknown', true],
      ['452', '4.2.2', 'mailboxfull', false],
    ]);
    expect(two.note).toBe('2 replies, each explained on its own below.');
    // replies of different classes without a status each count too
    expect((await lookup('550 No such user here\n421 Too many connections, slow down')).results.map((e) => e.reply)).toEqual(['550', '421']);
  });

  it('reads a list of codes copied from a help page, headings and all', async () => {
    const page = [
      'Common bounce codes',
      '',
      '550 5.1.1 - The account you tried to reach does not exist.',
      '552 5.2.2 - The mailbox is full.',
      '554 5.7.1 - Rejected as spam.',
      '',
      'Ask your administrator if you see any of these.',
    ].join('\n');
    const r = await lookup(page);
    expect(r.results.map((e) => [e.status, e.reason, e.suppress])).toEqual([
      ['5.1.1', 'userunknown', true],
      ['5.2.2', 'mailboxfull', false],
      ['5.7.1', 'spamdetected', false],
    ]);
  });

  it('keeps one reply folded over several lines one reply', async () => {
    const folded = await lookup('550-5.1.1 The email account that you tried to reach does not exist. Please try\n550-5.1.1 double-checking the recipient\'s email address for typos or\n550 5.1.1 unnecessary spaces.');
    expect(folded.results).toHaveLength(1);
    expect(folded.note).toBeUndefined();
    // Gmail's page shows the same reply with spaces for the dashes: still one reply
    const shown = await lookup("550 5.1.1 The email account that you tried to reach does not exist. Please try\n550 5.1.1 double-checking the recipient's email address for typos or\n550 5.1.1 unnecessary spaces. Learn more at\n550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d2e1a72fcca58-7b0b8b5c1a1si123456b3a.12 - gsmtp");
    expect(shown.results).toHaveLength(1);
    expect(shown.note).toBeUndefined();
    // a reply line with no status, of the class of a status line beside it, is part of that reply
    expect((await lookup('550 5.7.1 Message rejected\n550 see the policy page')).results).toHaveLength(1);
    // the same line twice is one reply
    expect((await lookup('550 5.1.1 user unknown\n550 5.1.1 user unknown')).note).toBeUndefined();
  });

  it('explains two replies that share a code but not their words', async () => {
    const r = await lookup('550 5.7.1 Messages from [198.51.100.20] weren\'t sent: part of their network is on our block list (S3150).\n550 5.7.1 This message is likely unsolicited email.\n550 5.1.1 The email account that you tried to reach does not exist.');
    expect(r.results.map((e) => [e.reason, e.suppress])).toEqual([
      ['blocked', false],
      ['spamdetected', false],
      ['userunknown', true],
    ]);
  });
});

describe('which number is the reply', () => {
  it('takes the number written before the status, not a ticket, count, phone number, price or log field before it', async () => {
    for (const paste of [
      'Re: Ticket 421 - bounce 550 5.1.1 User unknown',
      'Sent 250 newsletters, 3 bounced with 550 5.1.1 user unknown',
      'tel +49 421 5550123: the bounce said 550 5.1.1 user unknown',
      'to=<kim@example.org>, delay=321, status=bounced (host mx.example.org said: 550 5.1.1 user unknown)',
    ]) {
      const e = (await lookup(paste)).results[0];
      expect([e.reply, e.suppress], paste).toEqual(['550', true]);
    }
    // a number of another class, far from the status, is no reply: "for all 250 recipients"
    expect((await lookup('the bounce says 5.1.1 user unknown for all 250 recipients')).results[0]).toMatchObject({ reply: '', suppress: true });
  });

  it('keeps a reply of another class written just before the status, so the contradiction suppresses nothing', async () => {
    for (const paste of ['450 [5.1.1] mailbox unavailable', 'Remote server returned 450 (5.1.1) user unknown']) {
      expect((await lookup(paste)).results[0], paste).toMatchObject({ reply: '450', suppress: false });
    }
    // words between them: the number is something else
    for (const paste of ['Sent to 250 recipients; 5.1.1 user unknown', 'Your message (452 KB) was not delivered: 5.1.1 mailbox does not exist']) {
      expect((await lookup(paste)).results[0], paste).toMatchObject({ reply: '', suppress: true });
    }
  });

  it('explains no price, phone number, version or web server status as an SMTP reply', async () => {
    // (a word that merely ends like a version's name is no version: "ratios 5.7.1")
    expect((await lookup('ratios 5.7.1 Message blocked')).results[0].status).toBe('5.7.1');
    for (const paste of ['Invoice total: $550', 'Rechnungsbetrag: 421,50 EUR', 'Phone: 212 555 0142', 'HTTP/1.1 503 Service Unavailable', '502 Bad Gateway - nginx', 'Sent from my Android 5.1.1 device', 'Dovecot 2.3.21']) {
      expect((await lookup(paste)).results, paste).toEqual([]);
    }
  });

  it('explains no version number written in prose as a status code, but the code alone, in a reply or called an error', async () => {
    for (const paste of ['Upgraded our MTA from 5.7.25 to 5.7.26 last night', 'We upgraded our Exim mail server from 4.2.2 to 4.2.3', 'We upgraded to 5.7.26 yesterday', 'Running version 5.7.26 now', 'running v5.7.26']) {
      const r = await lookup(paste);
      expect(r.results, paste).toEqual([]);
      expect(r.message, paste).toMatch(/version/);
    }
    for (const paste of ['5.7.26', '550 5.7.26 Unauthenticated email from example.com is not accepted', 'error 5.7.26', 'the bounce says 5.7.26 from Gmail to our list']) {
      expect((await first(paste)).status, paste).toBe('5.7.26');
    }
    // Two status codes a bounce moved between are no versions: nothing says software moved.
    expect((await first('the error changed from 5.7.1 to 5.7.26')).status).toBe('5.7.1');
    expect((await first('Bounces went from 4.2.2 to 5.2.2 this week')).status).toBe('4.2.2');
    // Nor does a word about software far before them, in another clause.
    expect((await first('We updated our DNS, and bounces went from 5.7.1 to 5.7.26')).status).toBe('5.7.1');
    expect((await first('Since we updated, bounces went from 4.2.2 to 5.2.2')).status).toBe('4.2.2');
  });

  it('reads a token of letters and digits in a sentence, and each failure of a line by its own words', async () => {
    expect((await lookup('Yahoo says TSS04 on every send since Monday, what now?')).results[0].providerTokens).toContain('TSS04');
    const two = await lookup('kim@example.org: 550 5.1.1 user unknown; lee@example.org: 452 4.2.2 mailbox full');
    expect([two.results[0].reason, two.results[0].reply]).toEqual(['userunknown', '550']);
  });
});

describe('generic words', () => {
  it('never suppress an address refused by policy or a filter, though the reply calls the mailbox unavailable', async () => {
    for (const paste of [
      '550 mailbox unavailable: blocked by policy',
      '550 Recipient address rejected: Rejected by policy',
      '550 Message rejected: recipient rejected by content filter',
      '550 Requested action not taken: mailbox unavailable - refused by policy (mx00.gmx.net)',
    ]) {
      const first = (await lookup(paste)).results[0];
      expect(first.suppress, paste).toBe(false);
      expect(['policyviolation', 'filtered'], paste).toContain(first.reason);
    }
    expect((await lookup('550 Requested action not taken: mailbox unavailable')).results[0]).toMatchObject({ reason: 'userunknown', suppress: true });
  });
});

describe('no code', () => {
  it('explains a DNS or connection failure named in words alone, and never suppresses on it', async () => {
    for (const paste of ['Routing loop detected', "DNS Error: 27541184 DNS type 'mx' lookup of exmaple.com responded with code NXDOMAIN", 'Connection timed out']) {
      expect(await first(paste), paste).toMatchObject({ reason: 'networkerror', suppress: false });
    }
    expect((await lookup('hello world')).results).toEqual([]);
  });

  it('reads the words beside a code too general to name a cause (5.7.1)', async () => {
    expect((await first('554 5.7.1 <kim@example.org>: Relay access denied')).reason).toBe('norelaying');
    expect((await first('550 5.7.1 Message rejected as spam by Content Filtering')).reason).toBe('spamdetected');
    // ... but address words under 5.7.1 never make the address dead here either
    expect((await first('550 5.7.1 <kim@example.org>: Recipient address rejected: user unknown')).suppress).toBe(false);
  });

  it('gives a pasted reply the reason the classifier gives the same reply in a bounce', async () => {
    for (const line of [
      '550 5.7.1 <kim@example.org>: Recipient address rejected: user unknown',
      '554 5.7.1 <kim@example.org>: Relay access denied',
      '550 5.1.1 <kim@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
    ]) {
      const text = `This is the mail system at host mx.example.net.\n\nI'm sorry to have to inform you that your message could not be delivered.\n\n<kim@example.org>: host mx.example.org[192.0.2.10] said: ${line} (in reply to RCPT TO command)\n`;
      const result = await classifyText(text);
      if (result.kind === 'error') throw new Error(result.error);
      const [verdict] = result.recipients;
      expect((await first(line)).reason, line).toBe(verdict.reason);
    }
  });

  it("does not take the 256 of a cipher name in a log line for a reply code", async () => {
    const e = await first('** kim@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.10] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes: SMTP error from remote mail server after RCPT TO:<kim@example.org>: 550 5.1.1 user unknown');
    expect(e.reply).not.toBe('256');
  });

  it("explains a local delivery program's exit status (X-Unix, sysexits.h), temporary or final by its number", async () => {
    for (const paste of ['X-Unix; 75', 'Diagnostic-Code: X-Unix; 75']) {
      const e = await first(paste);
      expect(e, paste).toMatchObject({ reason: 'mailererror', permanent: false, suppress: false });
      expect(e.whatHappened, paste).toContain('EX_TEMPFAIL');
    }
    expect(await first('x-unix; 77')).toMatchObject({ reason: 'mailererror', permanent: true, suppress: false });
    // A bare number is no exit status.
    expect((await lookup('75')).results).toEqual([]);
  });

  it('hello: the clear no-code message', async () => {
    const r = await lookup('hello');
    expect(r.results).toEqual([]);
    expect(r.message).toBe('No SMTP code or provider token found in "hello". Try a code such as 550 5.1.1 or 5.7.26, a token such as S3150, or paste the whole bounce.');
  });

  it('explains a server that gave up, and a private code by the words beside it', async () => {
    expect((await lookup("I'm not going to try again; this message has been in the queue too long.")).results[0]).toMatchObject({ reason: 'expired', suppress: false });
    expect((await lookup('550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain')).results[0].reason).toBe('norelaying');
  });

  it('explains a reply with no code by its words, when they name a cause', async () => {
    const r = await lookup('User quota exceeded (Mailbox Full)');
    expect(r.results.map((x) => x.reason)).toEqual(['mailboxfull']);
    expect(r.results[0].suppress).toBe(false);
    expect((await lookup('hello, is this thing on?')).results).toEqual([]);
  });

  it('empty, huge and non-string input never throw', async () => {
    expect((await lookup('')).message).toMatch(/Nothing to look up/);
    const huge = await lookup('x'.repeat(MAX_LOOKUP_CHARS + 1));
    expect(huge.results).toEqual([]);
    expect(huge.message).toMatch(/larger than/);
    expect(huge.query.length).toBeLessThanOrEqual(200);
    await expect(lookup(undefined as unknown as string)).resolves.toMatchObject({ results: [] });
    await expect(lookup('[[[[(((( 5. 5.5. ....555.5.5.5 ' + '('.repeat(10000))).resolves.toBeDefined();
  });
});

describe('what people type around a code', () => {
  it('reads a token at the end of a sentence, a product version before the real code, and a deferral that is still queued', async () => {
    expect((await lookup('our mails to hotmail bounce with S3150.')).results[0]?.reason).toBe('blocked');
    expect((await lookup('Yahoo says TSS04.')).results[0]?.providerTokens).toContain('TSS04');
    const sogo = await lookup('After the SOGo 5.1.1 upgrade every send fails with 5.7.1 Access denied');
    expect(sogo.results.map((x) => [x.status, x.suppress])).toEqual([['5.7.1', false]]);
    // A product's version alone, with no other code, is still read (it may be a code after all).
    expect((await lookup('hMailServer 5.6.8 says 5.1.1 user unknown')).results[0]?.status).toBe('5.1.1');
    // qmail-send writes spaces as underscores in its log line
    expect((await lookup('delivery 5: failure: 192.0.2.25_does_not_like_recipient./Remote_host_said:_550_5.1.1_<kim@example.org>_is_not_a_valid_mailbox./Giving_up_on_192.0.2.25./')).results[0]?.reason).toBe('userunknown');
    const queued = await lookup("2024-05-06 10:14:04 1sA1b2-000Abc-Q1 == kim@example.org R=dnslookup T=remote_smtp defer (-53): retry time not reached for any host for 'example.org'");
    expect(queued.classification?.kind).toBe('delay');
    expect(queued.results.every((x) => !x.suppress && !/gave up/i.test(x.headline))).toBe(true);
  });
});

describe('exports and logs pasted whole', () => {
  it("calls a log's delivered line delivered, not by its status's registry name", async () => {
    const r = await lookup('Mar 11 09:00:00 mail postfix/smtp[21733]: 5C2D1A0B3F: to=<ann@example.org>, relay=mx.example.org[192.0.2.25]:25, delay=0.8, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4Zq1x2y3z4)');
    expect(r.results.map((x) => [x.reason, x.title, x.suppress])).toEqual([['delivered', 'Delivered', false]]);
    // Exchange Online accepts with 2.6.0, "Other or undefined media error" in the registry.
    const o365 = await lookup('Mar 11 09:00:00 mail postfix/smtp[21733]: 5C2D1A0B3F: to=<ann@example.org>, relay=example-org.mail.protection.outlook.com[52.101.1.1]:25, delay=0.8, dsn=2.6.0, status=sent (250 2.6.0 <abc@mail.example.com> [InternalId=123, Hostname=AM0PR01MB1234.eurprd01.prod.exchangelabs.com] Queued mail for delivery)');
    expect(o365.results.map((x) => [x.reason, x.title])).toEqual([['delivered', 'Delivered']]);
  });

  it("reads an email service's export of many bounces on one line up to the recipients cap", async () => {
    const bounced = Array.from({ length: 10_000 }, (_, i) => ({ emailAddress: `user${String(i).padStart(5, '0')}@example.org`, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }));
    const text = JSON.stringify({ eventType: 'Bounce', bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: bounced }, mail: { source: 'news@sender.example', destination: bounced.map((b) => b.emailAddress) } });
    expect(text.length).toBeGreaterThan(1024 * 1024);
    expect(text.length).toBeLessThan(MAX_LOOKUP_CHARS);
    const r = await lookup(text);
    const named = r.classification?.recipients.map((v) => v.recipient) ?? [];
    expect(named).toHaveLength(1000);
    expect(named).toContain('user00999@example.org');
    expect(named).not.toContain('news@sender.example');
    expect(r.results.every((x) => x.reason === 'userunknown' && x.suppress)).toBe(true);
  });
});

describe('whole bounces', () => {
  it.skipIf(NO_CORPUS)('classifies a pasted message and explains each recipient by its verdict', async () => {
    const r = await lookup(readFileSync(join(SHARED_CORPUS, 'bsd', 'rfc3464-03.eml'), 'utf8'));
    expect(r.classification?.recipients.map((v) => v.recipient)).toEqual(['kijitora@example.com']);
    expect(r.results.map((e) => [e.reason, e.status, e.reply, e.suppress])).toEqual([['policyviolation', '5.0.0', '554', false]]);
  });

  it('reads a whole bounce pasted on one line per recipient, but a one-line log record by its reply', async () => {
    const squashed = `A message that you sent could not be delivered to one or more of its recipients. This is a permanent error. The following address(es) failed: kim@example.net host mx.example.net [192.0.2.30] SMTP error from remote mail server after RCPT TO:<kim@example.net>: 550 5.1.1 <kim@example.net>: Recipient address rejected: User unknown lee@example.net mailbox is full: retry timeout exceeded`;
    const r = await lookup(squashed);
    expect(r.classification?.recipients.map((v) => v.recipient)).toEqual(['kim@example.net', 'lee@example.net']);
    expect(r.results.map((e) => e.suppress)).toEqual([true, false]);
    // An accounting record names the sender first; read as one reply, it lists nobody.
    const record = 'b,2026-12-07 10:00:01+0000,2026-12-07 09:59:58+0000,bounces@sender.example,kim@example.net,,failed,5.0.0 (undefined status),smtp;550 5.1.1 <kim@example.net>... User unknown,mx.example.net (192.0.2.25),bad-mailbox,smtp,mail.sender.example (198.51.100.3),smtp';
    const l = await lookup(record);
    expect(l.classification).toBeUndefined();
    expect(l.results.map((e) => [e.reason, e.suppress])).toEqual([['userunknown', true]]);
  });

  it('reads a Chinese or Japanese notice pasted on one line as a whole bounce, counting its characters, not its spaces', async () => {
    // Gmail's 'Address not found' page in Chinese and Japanese, its line breaks lost in the copy.
    const zh = '找不到地址您的邮件未送达wang.li@example.cn，因为找不到该地址，或该地址无法接收邮件。远程服务器返回的响应：552 5.2.2 <wang.li@example.cn>: Recipient address rejected: Mailbox full';
    const ja = 'アドレスが見つかりません kim.tanaka@example.jp にメールを配信できませんでした。アドレスが見つからないか、メールを受信できないアドレスです。 リモート サーバーからの応答: 550 5.1.1 <kim.tanaka@example.jp>: Recipient address rejected: User unknown';
    for (const [text, address, suppress] of [[zh, 'wang.li@example.cn', false], [ja, 'kim.tanaka@example.jp', true]] as const) {
      const r = await lookup(text);
      expect(r.classification?.recipients.map((v) => v.recipient), text).toEqual([address]);
      expect(r.results.map((e) => e.suppress), text).toEqual([suppress]);
    }
  });

  it('keeps a reply line with a few Chinese or Japanese words, a code or a token a short paste', async () => {
    for (const text of [
      '550 5.1.1 <li.na@example.cn>: 收件人地址不存在，请检查后重试',
      '550 5.1.1 <taro@example.jp>: 宛先のメールアドレスは存在しません。アドレスを確認してください。',
      '552 5.2.2 <yuki@example.jp> メールボックスの容量がいっぱいです',
      '5.1.1 宛先不明',
      'S3150 受信拒否',
    ]) {
      const r = await lookup(text);
      expect(r.classification, text).toBeUndefined();
      expect(r.results.length, text).toBeGreaterThan(0);
    }
  });

  it('never counts a policy refusal in words it does not know (a 5.7.1 in French) towards stopping mail to the address', async () => {
    const r = await lookup("Non remis : paul@example.fr\n\nLe message n'a pas pu être remis.\n\n554 5.7.1 Votre message a été refusé: IP en liste noire");
    expect(r.classification?.recipients.map((v) => v.recipient)).toEqual(['paul@example.fr']);
    expect(r.results.map((e) => [e.status, e.suppress, e.softToHard])).toEqual([['5.7.1', false, '']]);
  });

  it('reads a few pasted webmail lines through the text path', async () => {
    const text = 'Delivery has failed to these recipients\n\nnobody@example.com\nRemote server returned 550 5.1.1 RESOLVER.ADR.RecipNotFound; not found';
    const r = await lookup(text);
    const e = r.results[0];
    expect(e.status).toBe('5.1.1');
    expect(e.suppress).toBe(true);
  });
});
