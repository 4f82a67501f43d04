import { describe, expect, it } from 'vitest';
import { decideHard, decidePermanent, decideReason, impliedStatus, type ReasonInput } from '../../lib/classify/decide';

const base: ReasonInput = { kind: 'bounce', status: '', reply: '', action: 'failed', diagnostic: '', segment: '', explanation: '' };
const reason = (over: Partial<ReasonInput>) => decideReason({ ...base, ...over }).reason;

describe('decideReason precedence', () => {
  it('report kinds come first', () => {
    expect(reason({ kind: 'feedback', status: '5.1.1' })).toBe('feedback');
    expect(reason({ kind: 'delivered' })).toBe('delivered');
    expect(reason({ kind: 'autoreply' })).toBe('vacation');
  });

  it("a bounce's recipient that the report says was delivered, relayed or expanded is delivered", () => {
    for (const action of ['delivered', 'relayed', 'expanded'] as const) expect(reason({ action, status: '2.0.0' }), action).toBe('delivered');
    expect(reason({ action: 'failed', status: '2.0.0' })).not.toBe('delivered');
  });

  it('a provider response beats everything in the text', () => {
    expect(reason({ providerReason: 'badreputation', diagnostic: 'user unknown', status: '5.1.1' })).toBe('badreputation');
  });

  it('specific words beat a status code', () => {
    expect(reason({ status: '5.1.1', diagnostic: '550 5.1.1 client host [192.0.2.1] blocked using zen.spamhaus.org' })).toBe('blocked');
  });

  it('a specific status beats generic words', () => {
    expect(reason({ status: '5.2.2', diagnostic: '552 5.2.2 rejected' })).toBe('mailboxfull');
  });

  it('sender statuses always mean the sender was refused', () => {
    expect(reason({ status: '5.1.8', diagnostic: '553 5.1.8 domain of sender address does not exist' })).toBe('rejected');
    expect(reason({ status: '5.1.7', diagnostic: '550 5.1.7 no such domain' })).toBe('rejected');
  });

  it('expiry: X.4.7, retry wording, or a temporary failure reported as final', () => {
    expect(reason({ status: '4.4.7' })).toBe('expired');
    expect(reason({ explanation: 'retry timeout exceeded' })).toBe('expired');
    expect(reason({ status: '4.0.0', action: 'failed' })).toBe('expired');
    expect(reason({ diagnostic: 'connect to mx.example.com: connection timed out', action: 'failed' })).toBe('expired');
  });

  it('retries that ran out on a named cause give that cause', () => {
    expect(reason({ explanation: 'save to /var/mail/n2 mailbox is full: retry timeout exceeded' })).toBe('mailboxfull');
    expect(reason({ explanation: 'mailbox is full. ' + 'x'.repeat(100) + ' retry timeout exceeded' })).toBe('expired');
    expect(reason({ segment: 'the recipient\'s mailbox is full', status: '4.0.0', action: 'failed' })).toBe('mailboxfull');
  });

  it("a refused HELO name is the sending host's problem, whatever the address words", () => {
    expect(reason({ status: '5.7.1', diagnostic: '550 5.7.1 access denied, bad helo' })).toBe('blocked');
    expect(reason({ status: '5.5.2', diagnostic: '504 5.5.2 <localhost>: helo command rejected: host not found' })).toBe('blocked');
  });

  it('an IP whose name cannot be verified needs its PTR fixed', () => {
    expect(reason({ status: '4.7.1', diagnostic: '450 service permits 2 unverifyable sending ips - mx.example.com is not 192.0.2.1' })).toBe('requireptr');
  });

  it('"no answer from host" (X.4.1) beside the reply of a host that answered is left to the words', () => {
    expect(reason({ status: '5.4.1', reply: '550', diagnostic: '550 5.4.1 all recipient addresses rejected : access denied' })).toBe('filtered');
    expect(reason({ status: '4.4.1', action: 'delayed', diagnostic: 'connection timed out' })).toBe('networkerror');
  });

  it('a routing loop is a network (routing) error, by its words or by X.4.6', () => {
    expect(reason({ status: '4.4.6', action: 'failed' })).toBe('networkerror');
    expect(reason({ status: '5.4.6', diagnostic: '554 5.4.6 too many hops' })).toBe('networkerror');
    expect(reason({ diagnostic: 'mail for example.com loops back to myself' })).toBe('networkerror');
  });

  it('a DNS failure is a network error even when final', () => {
    expect(reason({ status: '4.0.0', diagnostic: 'dns error: lookup of example.jp responded with nxdomain' })).toBe('networkerror');
  });

  it('"user unknown" answered to DATA is a filter, unless the server said 5.1.1', () => {
    expect(reason({ diagnostic: '550 unknown user (in reply to end of data command)' })).toBe('filtered');
    expect(reason({ status: '5.1.1', diagnostic: '550 5.1.1 unknown user (in reply to end of data command)' })).toBe('userunknown');
  });

  it('a refusal that quotes the sender is a rejected sender', () => {
    expect(reason({ diagnostic: '550 5.7.1 <me@example.org>... access denied', mentionsSender: true })).toBe('rejected');
  });

  it('before RCPT TO, address words are about the sender or the sending host, never the recipient', () => {
    // qmail: "Connected to 192.0.2.1 but my name was rejected. Remote host said: 501 5.0.0 Invalid domain name"
    expect(reason({ status: '5.0.0', diagnostic: 'remote host said: 501 5.0.0 invalid domain name', segment: 'connected to 192.0.2.1 but my name was rejected.' })).toBe('blocked');
    expect(reason({ diagnostic: '550 domain not found (in reply to mail from command)' })).toBe('rejected');
    expect(reason({ diagnostic: '550 domain not found (in reply to rcpt to command)' })).toBe('hostunknown');
  });

  it("a mailbox's state given as the greeting is the sending host's refusal, not a disabled or full mailbox", () => {
    // Postfix over La Poste: "host smtpz4.laposte.net refused to talk to me: 220-laposte 421 4.2.1 Service refused"
    const greeting = 'host mx.example.net[192.0.2.1] refused to talk to me: 220-mx 421 4.2.1 service refused, please try later.';
    expect(reason({ status: '4.2.1', diagnostic: '220-mx 421 4.2.1 service refused, please try later.', segment: greeting })).toBe('blocked');
    expect(reason({ status: '4.2.2', diagnostic: '421 4.2.2 mailbox full (in reply to ehlo command)' })).toBe('blocked');
    // The same states after RCPT TO, or with no stage named, stay the mailbox's.
    expect(reason({ status: '4.2.1', diagnostic: '450 4.2.1 mailbox disabled (in reply to rcpt to command)' })).toBe('suspend');
    expect(reason({ status: '4.2.2', diagnostic: '452 4.2.2 mailbox full' })).toBe('mailboxfull');
    expect(reason({ status: '4.2.2', diagnostic: '452 4.2.2 mailbox full (in reply to mail from command)' })).toBe('mailboxfull');
  });

  it('even a documented provider response cannot make the recipient dead before RCPT TO', () => {
    const documented = { providerReason: 'userunknown' as const, providerBasis: 'a documented gmx response' };
    expect(reason({ ...documented, diagnostic: '550 mailbox unavailable (in reply to mail from command)' })).toBe('rejected');
    expect(reason({ ...documented, diagnostic: '550 mailbox unavailable (in reply to helo command)' })).toBe('blocked');
    expect(reason({ ...documented, diagnostic: '550 mailbox unavailable (in reply to rcpt to command)' })).toBe('userunknown');
  });

  it('a Diagnostic-Code of type X-Unix is the local delivery program failing, unless the words or status say more', () => {
    expect(reason({ status: '4.5.0', diagnostic: '71', localMailer: true })).toBe('mailererror');
    expect(reason({ status: '4.3.0', diagnostic: 'temporary failure', localMailer: true })).toBe('mailererror');
    expect(reason({ status: '4.3.0', diagnostic: 'quota exceeded message delivery failed', localMailer: true })).toBe('mailboxfull');
    expect(reason({ status: '5.2.2', diagnostic: '77', localMailer: true })).toBe('mailboxfull');
    expect(reason({ status: '4.3.0', diagnostic: 'temporary failure' })).toBe('systemerror');
  });

  it('a security or policy status never makes the address dead, whatever the words', () => {
    expect(reason({ status: '5.7.1', diagnostic: '554 5.7.1 <a@example.ch>: recipient address rejected: access denied' })).toBe('filtered');
    expect(reason({ status: '5.7.1', diagnostic: '550 5.7.1 550 user unknown: a@example.org' })).toBe('filtered');
    // a provider that documents its own use of 5.7.1 for unknown users still decides
    expect(reason({ status: '5.7.1', diagnostic: '550 5.7.1 no such user!', providerReason: 'userunknown' })).toBe('userunknown');
  });

  it('onhold when a code says no more, undefined when nothing does', () => {
    expect(reason({ reply: '550' })).toBe('onhold');
    expect(reason({})).toBe('undefined');
  });
});

describe('class and hardness', () => {
  it('class comes from the status, then the reply, then the action', () => {
    expect(decidePermanent('4.2.2', '552', 'failed', 'mailboxfull')).toBe(false);
    expect(decidePermanent('', '550', '', 'onhold')).toBe(true);
    expect(decidePermanent('', '', 'delayed', 'onhold')).toBe(false);
    expect(decidePermanent('', '', '', 'mailboxfull')).toBe(false);
  });

  it("a local delivery program's bare exit status says itself whether it was temporary (sysexits.h)", () => {
    // EX_TEMPFAIL (75), EX_OSERR (71) and EX_IOERR (74) ask for a later retry, even reported as failed.
    for (const temporary of [71, 74, 75]) expect(decidePermanent('', '', 'failed', 'mailererror', String(temporary), { temporary: true }), String(temporary)).toBe(false);
    expect(decidePermanent('', '', 'failed', 'mailererror', '77', { temporary: false })).toBe(true);
    expect(decidePermanent('', '', '', 'mailererror', '75', { temporary: true })).toBe(false);
    // A status beside it still decides.
    expect(decidePermanent('5.3.0', '', 'failed', 'mailererror', '75', { temporary: true })).toBe(true);
  });

  it('a null MX is permanent whatever its code, unless the recipient is still being tried', () => {
    const gmail = "dns error: the domain example.org doesn't receive email according to the administrator: returned null mx";
    expect(decidePermanent('4.0.0', '', 'failed', 'notaccept', gmail)).toBe(true);
    expect(decidePermanent('4.0.0', '', 'delayed', 'notaccept', gmail)).toBe(false);
    // Only a domain that takes no mail: the words alone under another reason change nothing.
    expect(decidePermanent('4.0.0', '', 'failed', 'networkerror', gmail)).toBe(false);
    expect(decidePermanent('4.0.0', '', 'failed', 'notaccept')).toBe(false);
  });

  it('only addressing reasons are hard; policy and reputation never are', () => {
    expect(decideHard('userunknown', true)).toBe(true);
    expect(decideHard('notaccept', false)).toBe(false);
    for (const r of ['authfailure', 'blocked', 'badreputation', 'spamdetected', 'policyviolation', 'mailboxfull'] as const) {
      expect(decideHard(r, true)).toBe(false);
    }
  });

  it('implies a status in the failure class', () => {
    expect(impliedStatus('userunknown', true)).toBe('5.1.1');
    expect(impliedStatus('mailboxfull', false)).toBe('4.2.2');
    expect(impliedStatus('vacation', false)).toBe('');
  });
});
