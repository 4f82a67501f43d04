/**
 * Advice: suppression only for dead addresses, never for sender-side problems, the right retry
 * policy, concrete steps and official links only.
 */
import { describe, expect, it } from 'vitest';
import { REASON_NAMES, REASONS, type Reason } from '../../lib/reasons';
import type { RecipientVerdict } from '../../lib/types';
import { advise, isOfficialHelpUrl, PROVIDER_ROWS, STATUS_ROWS, type AdviceInput } from '../../lib/knowledge';
import { LISTS as BLOCKLISTS } from '../../lib/knowledge/advice-texts';

function verdict(over: Partial<AdviceInput>): AdviceInput {
  const status = over.status ?? '';
  const permanent = over.permanent ?? (status || over.reply || '5')[0] === '5';
  return { reason: 'undefined', status, reply: '', permanent, hard: false, provider: '', providerTokens: [], ...over };
}

/** Words that tell to drop an address outright ("stop mailing it unless ...", "remove it from your list"). */
const UNCONDITIONAL_DROP = /stop mailing (?:it|this address) unless|remove (?:it|this address) from your list|^Stop (?:mailing|sending to) this address/i;

const SENDER_SIDE: Reason[] = ['policyviolation', 'authfailure', 'badreputation', 'blocked', 'spamdetected', 'speeding', 'requireptr'];

describe('suppression', () => {
  it('suppresses a permanent unknown user, unknown domain, moved mailbox or null MX', () => {
    expect(advise(verdict({ reason: 'userunknown', status: '5.1.1', reply: '550' })).suppress).toBe(true);
    expect(advise(verdict({ reason: 'hostunknown', status: '5.1.2' })).suppress).toBe(true);
    expect(advise(verdict({ reason: 'hasmoved', status: '5.1.6' })).suppress).toBe(true);
    expect(advise(verdict({ reason: 'notaccept', status: '5.1.10', reply: '556' })).suppress).toBe(true);
  });

  it('does not suppress the same reasons when the failure is temporary', () => {
    const a = advise(verdict({ reason: 'userunknown', status: '4.1.1', reply: '451', permanent: false }));
    expect(a.suppress).toBe(false);
    expect(a.retry.kind).toBe('backoff');
    expect(a.softToHard).toMatch(/suppress/);
  });

  it('never suppresses for policy, authentication, reputation, blocklists, spam or throttling, even on 5xx', () => {
    for (const reason of SENDER_SIDE) {
      for (const status of ['5.7.1', '5.7.26', '5.0.0', '5.1.1']) {
        const a = advise(verdict({ reason, status, reply: '550', hard: true }));
        expect(a.suppress, `${reason} ${status}`).toBe(false);
      }
    }
  });

  it('suppresses a provider response only when it says the account does not exist', () => {
    for (const row of PROVIDER_ROWS) {
      if (row.marker) continue;
      const a = advise(verdict({ reason: row.reason, status: row.status ?? '', reply: row.reply ?? '', permanent: row.permanent, diagnostic: row.sample }));
      const dead = row.permanent && (row.dead === true || ['userunknown', 'hostunknown', 'hasmoved', 'notaccept'].includes(row.reason));
      expect(a.suppress, row.id).toBe(dead);
      if (SENDER_SIDE.includes(row.reason)) expect(a.suppress, row.id).toBe(false);
    }
  });

  it('never suppresses a recipient refused only because the reply named another, even where that reply is a dead-address row', () => {
    const gmail = '550 5.1.1 <kim@gmail.com>: The email account that you tried to reach does not exist. https://support.google.com/mail/?p=NoSuchUser - gsmtp';
    const alone = advise(verdict({ reason: 'onhold', status: '5.1.1', reply: '550', diagnostic: gmail, recipient: 'lee@gmail.com' }));
    expect(alone.suppress).toBe(true); // the row decides when nothing says the reply is another's
    const a = advise(verdict({ reason: 'onhold', status: '5.1.1', reply: '550', diagnostic: gmail, recipient: 'lee@gmail.com', refusedWith: 'kim@gmail.com' }));
    expect(a.suppress).toBe(false);
    expect(a.headline).toContain('kim@gmail.com');
    expect(a.steps.join(' ')).toMatch(/send the message again to this address/);
    expect(a.whatHappened).not.toMatch(/does not exist/);
  });

  it('suppresses from a status code alone only for address-level codes of class 5', () => {
    const suppressing: string[] = [];
    for (const row of STATUS_ROWS) {
      const status = `5${row.code.slice(1)}`;
      if (advise(verdict({ reason: row.reason, status })).suppress) suppressing.push(row.code);
    }
    // X.3.2 and X.4.4 as permanent mean "this host/domain takes no mail"; X.7.17/18 mean the
    // mailbox or domain now belongs to someone else. Everything else in class 5 keeps the address.
    expect(suppressing).toEqual(['X.1.1', 'X.1.2', 'X.1.3', 'X.1.6', 'X.1.10', 'X.3.2', 'X.4.4', 'X.7.17', 'X.7.18']);
  });
});

describe("a sending service's own hold", () => {
  it('never suppresses, says the service held the message back and why, and blames no server, IP, list or content', () => {
    const why = { bounce: 'bounced', complaint: 'spam', unsubscribe: 'unsubscribed', manual: 'by hand', list: 'an earlier bounce, a complaint or an unsubscribe, or by hand' } as const;
    for (const [cause, words] of Object.entries(why)) {
      // (The service's label is 5.1.1 for SES, 5.0.0 for SendGrid: neither makes it a dead address.)
      for (const status of ['5.1.1', '5.0.0', '']) {
        const a = advise(verdict({ recipient: 'kim@example.com', reason: 'onhold', status, permanent: true, serviceHold: cause as keyof typeof why }));
        expect(a.suppress, `${cause} ${status}`).toBe(false);
        expect(a.headline).toContain('sending service held the message back');
        expect(a.headline).toContain('contacted no server');
        expect(a.headline).toContain(words);
        expect(a.steps[0]).toMatch(/^Keep the address off your sends\. If you think the listing is wrong, find the earlier event .*only then remove it from the service's suppression list\.$/);
        const all = `${a.headline} ${a.whatHappened} ${a.steps.join(' ')}`;
        expect(all).not.toMatch(/blocklist|block list|reputation|receiving server refused|does not exist/i);
        expect(a.senderSignal).toBe(false);
      }
    }
    // Over the account's plan: the address is fine, and the plan is what to look at.
    const plan = advise(verdict({ recipient: 'kim@example.com', reason: 'onhold', status: '5.0.0', serviceHold: 'plan' }));
    expect(plan.suppress).toBe(false);
    expect(plan.headline).toContain("plan allows no more recipients");
    expect(plan.steps.join(' ')).toContain('Keep the address');
  });
});

describe('retry policy and sender signal', () => {
  it('retries a full mailbox per recipient, and pauses on a 4.7.0 throttle', () => {
    const full = advise(verdict({ reason: 'mailboxfull', status: '4.2.2', reply: '452' }));
    expect(full).toMatchObject({ suppress: false, senderSignal: false, layer: 'mailbox-capacity', whoActs: 'recipient' });
    expect(full.retry).toMatchObject({ kind: 'backoff', maxHours: 120 });
    expect(full.softToHard).toMatch(/five days/);
    const throttle = advise(verdict({ reason: 'badreputation', status: '4.7.0', reply: '421' }));
    expect(throttle).toMatchObject({ suppress: false, senderSignal: true, layer: 'policy' });
    expect(throttle.retry.kind).toBe('pause');
    expect(throttle.softToHard).toBe('');
  });

  it('leaves a mailbox full for good to the sender to try again later: no server retries it, and it is not futile', () => {
    const full = advise(verdict({ reason: 'mailboxfull', status: '5.2.2', reply: '552' }));
    expect(full).toMatchObject({ suppress: false, permanent: true });
    expect(full.retry.kind).toBe('later');
    expect(full.retry.summary).toMatch(/send the message again yourself/);
    expect(full.steps[0]).toMatch(/send the message again in a day or two/);
    // ... and does not call resending futile
    expect(full.whatHappened).not.toMatch(/will fail the same way/);
    // a refusal whose cause stays until fixed is still "do not resend as is"
    expect(advise(verdict({ reason: 'mesgtoobig', status: '5.3.4', reply: '552' })).retry.kind).toBe('none');
  });

  it('marks temporary 4.7.x policy codes as a sender signal', () => {
    for (const reason of ['policyviolation', 'speeding'] as const) {
      expect(advise(verdict({ reason, status: '4.7.1', reply: '451' })).senderSignal, reason).toBe(true);
    }
  });

  it('waits minutes for greylisting', () => {
    const a = advise(verdict({ reason: 'policyviolation', status: '4.7.1', reply: '451', diagnostic: '451 4.7.1 Greylisting in action, please come back later' }));
    expect(a.retry.kind).toBe('minutes');
    expect(a.suppress).toBe(false);
    // routine, not a block: no policy to fix, no sign against the sending setup
    expect(a.headline).toMatch(/^Greylisting:/);
    expect(a.senderSignal).toBe(false);
    expect(a.whatHappened).not.toMatch(/rules do not allow/);
    expect(a.steps.join(' ')).not.toMatch(/fix that first|name the rule/);
    expect(a.layer).not.toBe('policy');
    // a greylisting word in a permanent refusal is no greylisting
    expect(advise(verdict({ reason: 'policyviolation', status: '5.7.1', reply: '550', diagnostic: '550 5.7.1 greylisted too long, rejected' })).headline).not.toMatch(/^Greylisting/);
  });

  it('keeps a per-recipient rate limit per recipient, not a campaign pause', () => {
    const row = PROVIDER_ROWS.find((r) => r.id === 'google.4.2.1.receiving-rate')!;
    const a = advise(verdict({ reason: 'speeding', status: '4.2.1', reply: '450', diagnostic: row.sample }));
    expect(a.retry.kind).toBe('backoff');
    expect(a.senderSignal).toBe(false);
  });

  it("hands problems of the recipient's own server or rules to the recipient", () => {
    const tls = advise(verdict({ reason: 'securityerror', status: '4.7.322', provider: 'microsoft', diagnostic: '451 4.7.322 certificate-expired; the destination certificate has expired' }));
    expect(tls).toMatchObject({ whoActs: 'recipient', senderSignal: false, suppress: false });
    expect(tls.retry.kind).toBe('backoff');
    expect(tls.headline).toMatch(/recipient's side/);
    expect(tls.steps.join(' ')).not.toMatch(/SMTP AUTH|STARTTLS/);
    const blocked = advise(verdict({ reason: 'rejected', reply: '550', diagnostic: '550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550' }));
    expect(blocked).toMatchObject({ whoActs: 'recipient', senderSignal: false, suppress: false });
    expect(blocked.retry.kind).toBe('none');
    expect(blocked.steps[0]).toMatch(/recipient/);
  });

  it("reads Gmail's gcdp marker as a rule of the recipient's administrator", () => {
    const a = advise(verdict({ reason: 'policyviolation', status: '5.7.1', reply: '550', provider: 'google', providerTokens: ['gcdp'], diagnostic: '550 5.7.1 Message rejected by a custom rule gcdp a1si2 - gsmtp' }));
    expect(a).toMatchObject({ whoActs: 'recipient', senderSignal: false, suppress: false });
    expect(a.steps[0]).toMatch(/Workspace administrator/);
  });

  it('sends recipient-side rules back to the recipient without suppressing', () => {
    const a = advise(verdict({ reason: 'filtered', status: '5.7.134', reply: '550', provider: 'microsoft', diagnostic: '550 5.7.134 Sender was not authenticated for mailbox' }));
    expect(a).toMatchObject({ whoActs: 'recipient', suppress: false, senderSignal: false });
    expect(a.retry.kind).toBe('none');
  });
});

describe('steps and links', () => {
  it('names the DNS records to fix for an authentication failure', () => {
    const a = advise(verdict({ reason: 'authfailure', status: '5.7.26', reply: '550' }));
    const text = a.steps.join(' ');
    expect(text).toMatch(/SPF TXT/);
    expect(text).toMatch(/_domainkey/);
    expect(text).toMatch(/_dmarc\./);
    expect(a.senderSignal).toBe(true);
  });

  it('is precise about the one record a provider names', () => {
    const dkim = advise(verdict({ reason: 'authfailure', status: '5.7.30', reply: '550', provider: 'google', diagnostic: "550 5.7.30 This message didn't pass DKIM authentication - gsmtp" }));
    expect(dkim.steps[0]).toMatch(/_domainkey/);
    const ptr = advise(verdict({ reason: 'requireptr', status: '5.7.25', reply: '550' }));
    expect(ptr.steps.join(' ')).toMatch(/PTR/);
    expect(ptr.suppress).toBe(false);
  });

  it('gives a delisting page from our own table for a blocklist', () => {
    const a = advise(verdict({ reason: 'blocked', status: '5.7.1', reply: '550', diagnostic: '550 5.7.1 Service unavailable; client [192.0.2.1] blocked using zen.spamhaus.org' }));
    expect(a.helpUrl).toBe('https://check.spamhaus.org/');
    expect(a.steps.some((s) => s.includes('https://check.spamhaus.org/'))).toBe(true);
    expect(a.retry.kind).toBe('pause');
  });

  it('never takes a link from the message', () => {
    const evil = 'https://evil.example/delist';
    const a = advise(verdict({ reason: 'blocked', status: '5.7.1', reply: '554', diagnostic: `554 5.7.1 blocked, see ${evil} zen.spamhaus.org` }));
    expect(JSON.stringify(a)).not.toContain('evil.example');
  });

  it('uses only official help links, for every provider row', () => {
    for (const row of PROVIDER_ROWS) {
      const a = advise(verdict({ reason: row.reason, status: row.status ?? '', reply: row.reply ?? '', permanent: row.permanent, diagnostic: row.sample, provider: row.provider }));
      if (a.helpUrl) expect(isOfficialHelpUrl(a.helpUrl), row.id).toBe(true);
      if (a.retry.kind === 'none') expect(a.steps.join(' '), row.id).not.toMatch(/let your mail server retry|retries on its own/);
      for (const s of a.steps) for (const url of s.match(/https?:\/\/\S+/g) ?? []) expect(isOfficialHelpUrl(url), `${row.id}: ${url}`).toBe(true);
      // advice that keeps the address never tells, unconditionally, to stop mailing or remove it
      if (!a.suppress) expect([a.headline, ...a.steps].join(' '), row.id).not.toMatch(UNCONDITIONAL_DROP);
    }
  });
});

describe('a provider row speaks only for its own provider', () => {
  const spf = '550 5.7.1 Message rejected: SPF check failed for example.com (192.0.2.10 is not permitted)';

  it("does not present another server's SPF refusal as QQ Mail's", () => {
    for (const over of [
      { provider: 'proofpoint' as const, diagnostic: `mx0a-001.pphosted.com ${spf}` },
      { provider: '' as const, diagnostic: `mx.example.org ${spf}` },
    ]) {
      const a = advise(verdict({ reason: 'authfailure', status: '5.7.1', reply: '550', ...over }));
      expect(a.headline, over.diagnostic).not.toMatch(/QQ Mail/);
      expect(a.retry.summary, over.diagnostic).not.toMatch(/QQ Mail/);
      expect(a.headline).toMatch(/failed sender authentication/);
    }
    // QQ's own reply keeps its row.
    expect(advise(verdict({ reason: 'authfailure', reply: '550', provider: 'tencent', diagnostic: '550 SPF check failed (mx3.qq.com)' })).headline).toMatch(/^According to QQ Mail, /);
  });

  it('takes no row whose provider is not the one that answered, for every provider row', () => {
    for (const row of PROVIDER_ROWS) {
      // (A public blocklist's rows speak for whichever receiver quotes the list: below.)
      if (row.marker || BLOCKLISTS.has(row.provider) || row.publicList) continue;
      const other = row.provider === 'proofpoint' ? 'mimecast' : 'proofpoint';
      const a = advise(verdict({ reason: row.reason, status: row.status ?? '', reply: row.reply ?? '', permanent: row.permanent, diagnostic: row.sample, provider: other }));
      expect(a.whatHappened.startsWith(row.meaning), row.id).toBe(false);
    }
  });

  it("keeps a public blocklist's row and removal page when another provider's MX quotes the list", () => {
    const diagnostic =
      'host example-org.mail.protection.outlook.com[52.101.1.1] said: 550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.1 AS(1450)';
    for (const provider of ['microsoft', 'comcast', ''] as const) {
      const a = advise(verdict({ reason: 'blocked', status: '5.7.1', reply: '550', provider, diagnostic }));
      expect(a.helpUrl, provider).toMatch(/spamhaus\.org/);
      expect(a.steps.join(' '), provider).toMatch(/at Spamhaus/);
    }
    // Barracuda's reputation list is quoted by any receiver that consults it, not only Barracuda's own.
    const brbl = 'host mx.example.org[192.0.2.25] said: 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using b.barracudacentral.org';
    for (const provider of ['microsoft', ''] as const) {
      const a = advise(verdict({ reason: 'blocked', status: '5.7.1', reply: '554', provider, diagnostic: brbl }));
      expect(a.whatHappened, provider).toMatch(/Barracuda Reputation Block List/);
      // Barracuda did not answer: the headline and the retry line name no receiver by the list's name.
      expect(a.headline, provider).not.toMatch(/According to Barracuda/);
      expect(a.retry.summary, provider).not.toMatch(/to Barracuda/);
    }
  });
});

describe('a relay refusal', () => {
  const relay = (remoteMta: string) =>
    advise(verdict({ reason: 'norelaying', status: '5.7.1', reply: '554', recipient: 'kim@example.org', remoteMta, diagnostic: '554 5.7.1 <kim@example.org>: Relay access denied' })).steps[0];

  it("starts with the sender's own relay unless the refusing host is in the recipient's domain", () => {
    // The sender's smarthost (Remote-MTA outside the recipient's domain), or no host named.
    expect(relay('smtp.isp.example')).toMatch(/your own relay, smarthost or Exchange server.*SMTP AUTH/);
    expect(relay('')).toMatch(/your own relay/);
    // The recipient domain's own server: theirs to fix.
    expect(relay('mx2.example.org')).toMatch(/recipient domain's own mail server/);
    expect(relay('mx.notexample.org')).toMatch(/your own relay/);
  });

  it("starts Microsoft's 5.7.54 (relay to a non-accepted domain) with the sender's connector or login", async () => {
    const { lookup } = await import('../../lib/knowledge');
    const [first] = (await lookup('550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain')).results;
    expect(first.reason).toBe('norelaying');
    expect(first.steps[0]).toMatch(/connector|SMTP AUTH/);
  });
});

describe("a refused sender address or HELO name: the first step follows the words", () => {
  const first = (diagnostic: string, status = '5.7.1', reply = '550', reason: Reason = 'rejected') =>
    advise(verdict({ reason, status, reply, diagnostic })).steps[0];

  it("asks for the sender domain's DNS only where the words say it cannot be found", () => {
    expect(first('553 5.1.8 <sam@nowhere.example>: Sender address rejected: Domain not found', '5.1.8', '553')).toMatch(/must exist in DNS/);
    expect(first('550-Verification failed for <promo@mailer.shop.example> Unrouteable address 550 Sender verify failed', '5.1.8')).toMatch(/must exist in DNS/);
  });

  it('sends a failed call-back to the sender mailbox, a login mismatch to the login, SES to its identities, a bare name to a full address', () => {
    expect(first('550-Verification failed for <news@shop.example> Called: 198.51.100.5 Sent: RCPT TO:<news@shop.example> Response: 550 5.1.1 User unknown 550 Sender verify failed', '')).toMatch(/real mailbox that accepts mail/);
    expect(first('450 4.1.7 <news@shop.example>: Sender address rejected: undeliverable address: host mx.shop.example[192.0.2.7] said: 550 5.1.1 User unknown', '4.1.7', '450')).toMatch(/real mailbox/);
    expect(first('553 5.7.1 <sales@sender.example>: Sender address rejected: not owned by user relay-account', '5.7.1', '553')).toMatch(/logs in with may not send as this address/);
    expect(first('554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: noreply@app.example.com', '', '554')).toMatch(/Amazon SES/);
    expect(first('504 5.5.2 <sam>: Sender address rejected: need fully-qualified address', '5.5.2', '504')).toMatch(/without a full domain/);
    for (const d of ['550 5.7.1 Sender verify failed', '553 5.7.1 Sender address rejected: not owned by user x']) {
      expect(advise(verdict({ reason: 'rejected', status: '5.7.1', reply: '550', diagnostic: d })).steps.join(' '), d).not.toMatch(/must exist in DNS/);
    }
  });

  it('fixes a refused HELO name in the sending server, not on a blocklist', () => {
    for (const d of ['504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname', '450 4.7.1 <mail>: Helo command rejected: Host not found']) {
      const a = advise(verdict({ reason: 'blocked', status: d.split(' ')[1], reply: d.slice(0, 3), diagnostic: d }));
      expect(a.steps[0], d).toMatch(/HELO\/EHLO name to its own fully qualified host name/);
      expect(a.steps.join(' '), d).not.toMatch(/blocklist/);
      expect(a.suppress).toBe(false);
      // The headline names the refused greeting name, not a blocked server or IP address.
      expect(a.headline, d).toMatch(/HELO\/EHLO/);
      expect(a.headline, d).not.toMatch(/blocked|IP address/);
    }
    expect(advise(verdict({ reason: 'blocked', status: '4.7.1', reply: '450', diagnostic: '450 4.7.1 <mail>: Helo command rejected: Host not found', action: 'delayed' })).headline).toMatch(/for now/);
    // A blocklist refusal keeps its blocklist step.
    expect(first('554 5.7.1 Service unavailable; Client host [203.0.113.40] blocked using bl.spamcop.net', '5.7.1', '554', 'blocked')).toMatch(/blocklist/);
  });
});

describe('a temporary refusal the sending server gave up on', () => {
  const diagnostic = "421-4.7.32 Your email has been rate limited because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain. - gsmtp: retry timeout exceeded";

  it('says the message was not delivered and must be sent again, not that it is held back', () => {
    for (const [reason, status] of [['authfailure', '4.7.32'], ['requireptr', '4.7.25'], ['policyviolation', '4.7.1'], ['badreputation', '4.7.0']] as const) {
      const a = advise(verdict({ reason, status, reply: '421', permanent: false, action: 'failed', provider: reason === 'authfailure' ? 'google' : '', diagnostic: reason === 'authfailure' ? diagnostic : `421 ${status} refused` }));
      expect(a.headline, reason).not.toMatch(/held back|for now/);
      expect(a.headline, reason).toMatch(/not delivered.*send it again/);
      expect(a.suppress).toBe(false);
    }
    // While the server still retries (a delay notice), it is held back.
    const delayed = advise(verdict({ reason: 'authfailure', status: '4.7.32', reply: '421', permanent: false, action: 'delayed', provider: 'google', diagnostic }));
    expect(delayed.headline).toMatch(/held back/);
  });
});

describe('leftovers: a temporary code on a cause that does not clear, a delisting page named once', () => {
  it('does not promise a later success beside "do not resend unchanged"', () => {
    for (const [reason, status] of [['mesgtoobig', '4.3.4'], ['virusdetected', '4.7.1'], ['contenterror', '4.6.0']] as const) {
      const a = advise(verdict({ reason, status, reply: '452', permanent: false }));
      expect(a.retry.summary, reason).toMatch(/Do not resend this message unchanged/);
      expect(a.whatHappened, reason).not.toMatch(/later attempt can succeed/);
    }
    // A temporary failure that does clear keeps the sentence.
    expect(advise(verdict({ reason: 'mailboxfull', status: '4.2.2', reply: '452', permanent: false })).whatHappened).toMatch(/later attempt can succeed/);
  });

  it("names Microsoft's delisting step once for 5.7.606", () => {
    const a = advise(verdict({ reason: 'blocked', status: '5.7.606', reply: '550', provider: 'microsoft', diagnostic: '550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/' }));
    expect(a.steps.filter((s) => /sender\.office\.com/.test(s))).toHaveLength(1);
    expect(a.steps.filter((s) => /request removal/i.test(s)).length).toBeLessThanOrEqual(2);
    expect(a.steps.join(' ')).toMatch(/https:\/\/sender\.office\.com/);
  });
});

describe('what happened', () => {
  it('does not explain a reused code by its registry meaning', () => {
    // Gmail sends 4.7.27 for an SPF failure; the registry name of X.7.27 is "sender address has null MX".
    const a = advise(verdict({ reason: 'authfailure', status: '4.7.27', reply: '421', provider: 'google' }));
    expect(a.whatHappened).toMatch(/SPF/);
    expect(a.whatHappened).not.toMatch(/publishes a null MX/);
    expect(a.whatHappened).toMatch(/registry name of 4\.7\.27/);
    const row = advise(verdict({ reason: 'authfailure', status: '4.7.27', reply: '421', diagnostic: "421 4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message. gsmtp" }));
    expect(row.whatHappened).toMatch(/SPF must pass/);
    expect(row.steps[0]).toMatch(/SPF TXT/);
  });

  it('does not let a bare reply code name a cause its title does not give', () => {
    // 552's title is "Storage limit exceeded": a full mailbox or a message too big; the code alone says neither.
    const bare = advise(verdict({ reason: 'onhold', reply: '552' }));
    expect(bare.headline).toMatch(/^The reply code 552 alone does not settle the cause/);
    expect(bare.suppress).toBe(false);
    // with a status the status speaks; with a cause found the cause does
    expect(advise(verdict({ reason: 'onhold', reply: '552', status: '5.3.4' })).headline).not.toMatch(/reply code 552 alone/);
    expect(advise(verdict({ reason: 'mailboxfull', reply: '552' })).headline).not.toMatch(/reply code 552 alone/);
  });

  it("says when a provider's code understates or overstates permanence", () => {
    const qq = advise(verdict({ reason: 'speeding', reply: '550', permanent: false, diagnostic: '550 Ip frequency limited (mx3.qq.com)' }));
    expect(qq.permanent).toBe(false);
    expect(qq.whatHappened).toMatch(/treated as temporary/);
  });
});

describe('notices that report no failure, and a dead domain', () => {
  it('explain a success notice and an automatic reply as such, not by the failure their code would name', () => {
    const delivered = advise(verdict({ reason: 'delivered', status: '2.6.0', reply: '250', permanent: false, hard: false }));
    expect(delivered.whatHappened).toBe('The receiving server accepted the message: this is a success notice, not a bounce.');
    const vacation = advise(verdict({ reason: 'vacation', status: '', reply: '', permanent: false, hard: false }));
    expect(vacation.whatHappened).toMatch(/^An automatic reply .* your message was delivered, and the address works\.$/);
    for (const a of [delivered, vacation]) expect(a.whatHappened).not.toMatch(/not delivered|undeliverable/);
  });

  it('looks for a typo in a dead domain before the address is suppressed, and says to suppress it once', () => {
    const a = advise(verdict({ reason: 'hostunknown', status: '5.1.2', reply: '550', permanent: true, hard: true }));
    expect(a.suppress).toBe(true);
    expect(a.steps[0]).toMatch(/^Check the domain part for typos/);
    expect(a.steps.filter((s) => /suppress/i.test(s))).toHaveLength(1);
  });
});

describe('every reason', () => {
  it('has a one-sentence headline, a layer, a retry summary and is internally consistent', () => {
    for (const reason of REASON_NAMES) {
      for (const permanent of [false, true]) {
        const a = advise(verdict({ reason, status: REASONS[reason].impliedStatus, permanent }));
        expect(a.headline.length, reason).toBeGreaterThan(15);
        expect(a.headline.split(/[.!?](\s|$)/).filter((x) => x && x.trim()).length, `${reason}: ${a.headline}`).toBe(1);
        expect(a.whatHappened.length, reason).toBeGreaterThan(15);
        expect(a.retry.summary.length, reason).toBeGreaterThan(5);
        expect(a.permanent).toBe(permanent);
        if (!a.suppress) expect([a.headline, ...a.steps].join(' '), `${reason} ${permanent}`).not.toMatch(UNCONDITIONAL_DROP);
        if (a.suppress) expect(a.retry.kind).toBe('none');
        // advice that keeps the address never opens with a step to suppress it
        else expect(a.steps[0] ?? '', `${reason} ${permanent}`).not.toMatch(/^Suppress the address/);
        if (a.retry.kind === 'none') {
          expect(a.steps.join(' '), `${reason} ${permanent}`).not.toMatch(/let your mail server retry|retries on its own/);
          // "Do not resend as is" and a step saying to send it again would contradict each other
          expect(a.steps.join(' '), `${reason} ${permanent}`).not.toMatch(/send (?:the message )?again (?:later|in a day)/i);
          expect(a.softToHard, `${reason} ${permanent}`).not.toMatch(/days of retries/);
        }
        if (a.retry.kind === 'pause') expect(a.senderSignal, reason).toBe(true);
        if (a.senderSignal) expect(a.suppress, reason).toBe(false);
      }
    }
  });

  it('accepts a whole RecipientVerdict from the classifier and never throws on odd input', () => {
    const v: RecipientVerdict = {
      recipient: 'a@example.com', action: 'failed', status: '5.1.1', reply: '550', remoteMta: 'mx.example.com', diagnostic: '550 5.1.1 user unknown',
      reason: 'userunknown', permanent: true, hard: true, provider: '', providerTokens: [], feedback: '', basis: 'status 5.1.1', statusImplied: false, evidence: [],
    };
    expect(advise(v).suppress).toBe(true);
    expect(() => advise({ ...v, reason: 'nonsense' as Reason, status: '9.9.9', reply: 'abc', providerTokens: undefined as unknown as string[] })).not.toThrow();
  });
});

describe('final reports of a temporary failure', () => {
  it('never tell the sender that its server is still retrying: it has given up', () => {
    for (const reason of REASON_NAMES) {
      const a = advise(verdict({ reason, status: '4.0.0', reply: '450', permanent: false, action: 'failed', recipient: 'kim@example.org' }));
      if (a.retry.kind === 'later') expect([a.retry.summary, ...a.steps].join(' '), reason).not.toMatch(/let your mail server retry|retries on its own|will be retried/);
      expect(a.retry.kind === 'backoff' || a.retry.kind === 'minutes', reason).toBe(false);
    }
    const full = advise(verdict({ reason: 'mailboxfull', status: '4.2.2', reply: '452', permanent: false, action: 'failed' }));
    expect(full.retry.kind).toBe('later');
    expect([full.headline, full.whatHappened].join(' ')).not.toMatch(/may try again|can be retried|will be retried/);
  });
});

/**
 * Any wording that has the sending server still retrying, broader than the advice's own filter on
 * purpose: a step written later in other words must not slip past it.
 */
const STILL_RETRIED = /\bserver\b[^.:;]*\bretr(?:y|ies)\b|retries on its own|will (?:be )?retr(?:y|ied)|is still retrying|keeps? retrying/i;
/** Says that a server still retries (and not that none does). */
const promisesRetries = (s: string) => STILL_RETRIED.test(s.replace(/\bno server retries\b|\bstopped retrying\b/gi, ''));

describe('a card whose retry line says no server retries', () => {
  it('never says in what happened that the sending server may try again (a pasted "in the queue too long", "451 4.4.7")', () => {
    for (const reason of REASON_NAMES) {
      for (const status of ['', '4.4.7', '4.0.0']) {
        const a = advise(verdict({ reason, status, reply: '', permanent: false }));
        if (a.retry.kind === 'later') expect(a.whatHappened, `${reason} ${status}`).not.toMatch(/may try again/);
      }
    }
  });
});

describe('a report that calls dead the address it was delivered to', () => {
  it('suppresses nothing and says why, whatever its code and words', () => {
    const a = advise(verdict({ reason: 'userunknown', status: '5.1.1', reply: '550', permanent: true, hard: false, contradictsDelivery: true, recipient: 'bob@example.com', diagnostic: '550 5.1.1 The email account that you tried to reach does not exist.' }));
    expect(a.suppress).toBe(false);
    expect(a.headline).toMatch(/^This report says bob@example\.com cannot receive mail, yet it was delivered to that very address/);
    expect(a.steps.join(' ')).not.toMatch(/^Suppress/);
    expect(a.retry.kind).toBe('none');
  });
});

describe('advice once no server retries', () => {
  it('has no step, from any reason or provider row, saying a server still retries', () => {
    const given = (v: Partial<AdviceInput>) => {
      const a = advise(verdict({ recipient: 'kim@example.org', ...v }));
      return [a.retry.summary, ...a.steps].filter(promisesRetries);
    };
    for (const reason of REASON_NAMES) {
      // a temporary failure reported as final, and a permanent one
      expect(given({ reason, status: '4.0.0', reply: '450', permanent: false, action: 'failed' }), reason).toEqual([]);
      expect(given({ reason, status: REASONS[reason].impliedStatus.replace(/^4/, '5'), permanent: true, action: 'failed' }), reason).toEqual([]);
    }
    for (const row of PROVIDER_ROWS) {
      for (const permanent of [false, true]) {
        const status = (row.status ?? '').replace(/^[45]/, permanent ? '5' : '4');
        expect(given({ reason: row.reason, status, permanent, action: 'failed', diagnostic: row.sample, provider: row.provider }), row.id).toEqual([]);
      }
    }
  });

  it("holds new mail on a deferral still being retried, and says that the server retries it; all further mail once it is not", () => {
    const deferred = advise(verdict({ reason: 'speeding', status: '4.7.0', reply: '421', permanent: false, provider: 'yahoo', providerTokens: ['TSS04'], diagnostic: '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints' }));
    expect(deferred.retry.kind).toBe('pause');
    expect(deferred.retry.summary).toMatch(/^Slow down, and hold new mail to Yahoo .* your mail server retries the deferred messages/);
    const final = advise(verdict({ reason: 'blocked', status: '5.7.1', reply: '554', permanent: true, action: 'failed', diagnostic: '554 5.7.1 Service unavailable; client host blocked using zen.spamhaus.org' }));
    expect(final.retry.kind).toBe('pause');
    expect(final.retry.summary).toMatch(/^Hold further mail to .* until the cause is fixed: until then every message is refused the same way/);
  });

  it('has no soft-to-hard line counting server retries once no server retries (a full mailbox reported as final)', () => {
    const full = advise(verdict({ reason: 'mailboxfull', status: '4.2.2', reply: '452', permanent: false, action: 'failed', recipient: 'kim@example.org' }));
    expect(full.retry.kind).toBe('later');
    expect(full.softToHard).toMatch(/three sends/);
    expect(full.softToHard).not.toMatch(/days of retries/);
    const lines = (v: Partial<AdviceInput>) => {
      const a = advise(verdict({ recipient: 'kim@example.org', ...v }));
      // (Only where the card's own retry line says no server retries.)
      return a.retry.kind === 'backoff' || a.retry.kind === 'minutes' || a.retry.kind === 'pause' ? '' : a.softToHard;
    };
    for (const reason of REASON_NAMES) {
      for (const permanent of [false, true]) {
        const status = REASONS[reason].impliedStatus.replace(/^[45]/, permanent ? '5' : '4');
        for (const action of ['failed', undefined] as const) {
          const line = lines({ reason, status, permanent, action });
          expect(line, `${reason} ${status} ${action}`).not.toMatch(/days of retries|still fails after/);
          expect(promisesRetries(line), `${reason} ${status} ${action}: ${line}`).toBe(false);
        }
      }
    }
    for (const row of PROVIDER_ROWS) {
      for (const permanent of [false, true]) {
        const status = (row.status ?? '').replace(/^[45]/, permanent ? '5' : '4');
        expect(lines({ reason: row.reason, status, permanent, action: 'failed', diagnostic: row.sample, provider: row.provider }), row.id).not.toMatch(/days of retries/);
      }
    }
  });

  it('still says so while the server retries (a delay notice)', () => {
    const a = advise(verdict({ reason: 'suspend', status: '4.2.1', reply: '450', permanent: false, action: 'delayed', recipient: 'kim@example.org' }));
    expect(a.steps.some(promisesRetries)).toBe(true);
  });
});

describe('a security or policy status (X.7.x)', () => {
  it('never gets a soft-to-hard line that would stop mailing the address where no words name another cause', () => {
    // A refusal whose words name no cause the classifier knows ("IP en liste noire") is onhold: its 5.7.1 still says policy.
    for (const reason of ['onhold', 'undefined', ...SENDER_SIDE] as const) {
      for (const status of ['5.7.1', '4.7.0', '5.7.26', '4.7.1']) {
        for (const action of ['failed', undefined] as const) {
          const a = advise(verdict({ reason, status, reply: status[0] === '5' ? '554' : '451', action, recipient: 'kim@example.org' }));
          expect(a.softToHard, `${reason} ${status} ${action}`).not.toMatch(/hard bounce|suppress|stop mailing/);
          expect(a.suppress, `${reason} ${status}`).toBe(false);
        }
      }
    }
  });

  it('keeps the soft-to-hard line of the same reason under another status', () => {
    expect(advise(verdict({ reason: 'onhold', status: '5.0.0', reply: '550', action: 'failed', recipient: 'kim@example.org' })).softToHard).toMatch(/three sends/);
  });
});

describe('a permanent refusal no server retries', () => {
  it('is never left to the mail server to retry, and its steps never say both resend and do not resend', () => {
    for (const reason of ['speeding', 'toomanyconn', 'systemfull'] as const) {
      const a = advise(verdict({ reason, status: '5.0.0', reply: '550', permanent: true }));
      expect(a.retry.kind, reason).not.toMatch(/^(?:backoff|minutes)$/);
      expect(a.steps.join(' '), reason).not.toMatch(/let (?:your mail server|the server) retry|do not resend them by hand/i);
    }
  });
});

describe('delay notices', () => {
  it('never tell the sender the message expired or that the address is gone while the server still retries', () => {
    const expired = advise(verdict({ reason: 'expired', status: '4.4.7', permanent: false, action: 'delayed' }));
    expect(expired.softToHard).not.toMatch(/already retried/);
    expect(expired.steps.join(' ')).not.toMatch(/send again/);
    const unknown = advise(verdict({ reason: 'userunknown', status: '5.1.1', reply: '550', permanent: true, action: 'delayed', recipient: 'kim@example.org' }));
    expect(unknown.suppress).toBe(false);
    expect([unknown.headline, ...unknown.steps].join(' ')).not.toMatch(/remove it from your list|^Suppress the address/);
  });

  it('never say the server gave up while it is still retrying', () => {
    const delayed = advise(verdict({ reason: 'expired', status: '4.4.7', permanent: false, action: 'delayed' }));
    expect(delayed.headline).toMatch(/still retrying/);
    expect(delayed.retry.kind).toBe('backoff');
    const given = advise(verdict({ reason: 'expired', status: '4.4.7', permanent: false, action: 'failed' }));
    expect(given.headline).toMatch(/gave up/);
    expect(given.retry).toMatchObject({ kind: 'later', summary: expect.stringMatching(/already stopped retrying/) });
  });
});

describe('feedback reports', () => {
  const fb = (feedback: string) => advise(verdict({ reason: 'feedback', permanent: false, feedback }));

  it('advise by the report type: a complaint, an unsubscribe request and a DMARC failure report differ', () => {
    const abuse = fb('abuse');
    const optOut = fb('opt-out');
    const auth = fb('auth-failure');
    expect(new Set([abuse.headline, optOut.headline, auth.headline]).size).toBe(3);
    expect(abuse.headline).toMatch(/spam/);
    expect(optOut.headline).toMatch(/unsubscribe/i);
    expect(auth.headline).toMatch(/SPF, DKIM or DMARC/);
    expect(auth.steps.join(' ')).not.toMatch(/^Unsubscribe/m);
    expect(auth.steps.some((s) => /spoof/.test(s))).toBe(true);
  });

  it('never suppress, and treat a report without a type as a complaint and an unknown type as other', () => {
    for (const t of ['abuse', 'fraud', 'virus', 'auth-failure', 'opt-out', 'not-spam', 'other', '', 'x-new-type']) {
      const a = fb(t);
      expect(a.suppress).toBe(false);
      expect(a.headline.length).toBeGreaterThan(20);
    }
    expect(fb('').headline).toBe(fb('abuse').headline);
    expect(fb('ABUSE').headline).toBe(fb('abuse').headline);
    expect(fb('x-new-type').headline).toBe(fb('other').headline);
    expect(fb('not-spam').steps).toEqual([]);
  });

  it('reads the type straight from a classified report', async () => {
    const { classify } = await import('../../lib/classify/classify');
    const report = `From: <staff@hotmail.example>
To: <arf@example.org>
Subject: DMARC failure report
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="B"

--B
Content-Type: text/plain

This is an authentication failure report for an email message received from IP 192.0.2.1.

--B
Content-Type: message/feedback-report

Feedback-Type: auth-failure
User-Agent: Example/1.0
Version: 1
Original-Rcpt-To: <kim@example.com>
Auth-Failure: dmarc

--B--
`;
    const r = await classify(report);
    if (r.kind === 'error') throw new Error(r.error);
    expect(r.kind).toBe('feedback');
    expect(advise(r.recipients[0]).headline).toBe(fb('auth-failure').headline);
  });
});

describe('codes that disagree', () => {
  it('say so when the reply and the status differ in class', () => {
    const a = advise(verdict({ reason: 'mailboxfull', reply: '550', status: '4.2.2', permanent: false }));
    expect(a.whatHappened).toMatch(/550 and the status 4\.2\.2 disagree/);
    expect(advise(verdict({ reason: 'mailboxfull', reply: '452', status: '4.2.2', permanent: false })).whatHappened).not.toMatch(/disagree/);
  });
});

describe('help links', () => {
  it('are all https, the only links a card will show', async () => {
    const { HELP_LINKS } = await import('../../lib/knowledge/help-links');
    for (const [id, url] of Object.entries(HELP_LINKS)) expect(url, id).toMatch(/^https:\/\/[a-z0-9.-]+\//);
  });
});

describe('a verdict for an address the report does not name', () => {
  it('suppresses nothing, and says how to find the address', () => {
    const named = advise(verdict({ reason: 'userunknown', status: '5.1.1', reply: '550', recipient: 'kim@example.com' }));
    const unnamed = advise(verdict({ reason: 'userunknown', status: '5.1.1', reply: '550', recipient: '' }));
    expect(named.suppress).toBe(true);
    expect(unnamed.suppress).toBe(false);
    expect(unnamed.steps[0]).toMatch(/does not say which address failed/);
    // a code looked up on its own (no verdict, no recipient field) still says to suppress
    expect(advise(verdict({ reason: 'userunknown', status: '5.1.1', reply: '550' })).suppress).toBe(true);
  });
});

describe("a sending service's hold over the account's plan", () => {
  it('is sent again later, not never', () => {
    const a = advise(verdict({ reason: 'onhold', status: '5.0.0', reply: '', permanent: true, hard: false, serviceHold: 'plan' }));
    expect(a.retry.kind).toBe('later');
    expect(advise(verdict({ reason: 'onhold', status: '', reply: '', permanent: true, hard: false, serviceHold: 'bounce' })).retry.kind).toBe('none');
  });
});
