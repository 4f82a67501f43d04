import { describe, expect, it } from 'vitest';
import { likelyDomainTypo } from '../../lib/knowledge/domain-typos';
import { advise, lookup } from '../../lib/knowledge';
import type { RecipientVerdict } from '../../lib/types';

describe('likelyDomainTypo', () => {
  it('finds a letter left out, added, changed or swapped in a large provider\'s domain', () => {
    const slips: Record<string, string> = {
      'gmial.com': 'gmail.com',
      'gmai.com': 'gmail.com',
      'gmaill.com': 'gmail.com',
      'gmail.co': 'gmail.com',
      'gmail.con': 'gmail.com',
      'hotmial.com': 'hotmail.com',
      'yahooo.com': 'yahoo.com',
      'outlok.com': 'outlook.com',
      'iclod.com': 'icloud.com',
      'comcast.ner': 'comcast.net',
      'Yandex.ry': 'yandex.ru',
    };
    for (const [typo, meant] of Object.entries(slips)) expect(likelyDomainTypo(typo), typo).toBe(meant);
  });

  it('leaves real domains, short ones and ones as close to two providers alone', () => {
    for (const d of ['gmail.com', 'outlook.de', 'yahoo.fr', 'gmx.at', 'example.com', 'q.com', 'me.com', 'aol.co', 'gmx.ne', 'yahoo.co.in', 'hotmail.fr', ''])
      expect(likelyDomainTypo(d), d).toBeUndefined();
  });
});

describe('advice for a mistyped domain', () => {
  const verdict = (recipient: string, reason: RecipientVerdict['reason'], status: string): RecipientVerdict => ({
    recipient, action: 'failed', status, reply: '550', remoteMta: '', diagnostic: 'Host or domain name not found', reason, permanent: true, hard: true,
    provider: '', providerTokens: [], feedback: '', basis: '', statusImplied: false, evidence: [],
  });

  it('asks about the corrected address first, in place of the general typo check', () => {
    const a = advise(verdict('kim@gmial.com', 'hostunknown', '5.1.2'));
    expect(a.steps[0]).toBe('The domain looks like a slip of gmail.com: ask the person whether kim@gmail.com is their address, and send there.');
    expect(a.steps.some((s) => s.startsWith('Check the domain part for typos'))).toBe(false);
    expect(a.suppress).toBe(true);
  });

  it("does not promise retries for a DNS answer that the domain does not exist, pasted with no code", () => {
    const bare = (diagnostic: string) => advise({ ...verdict('', 'networkerror', ''), reply: '', permanent: false, hard: false, action: '', diagnostic });
    const nx = bare("DNS Error: 27622840 DNS type 'mx' lookup of gmial.com responded with code NXDOMAIN");
    expect([nx.permanent, nx.retry.kind]).toEqual([true, 'none']);
    expect(nx.headline).not.toMatch(/will be retried/);
    // a lookup that failed this time is still retried
    const servfail = bare("DNS Error: DNS type 'mx' lookup of example.org responded with code SERVFAIL");
    expect([servfail.permanent, servfail.retry.kind]).toEqual([false, 'backoff']);
  });

  it('says nothing of a slip where the domain exists and refused the mailbox, or is no slip', () => {
    expect(advise(verdict('kim@gmial.com', 'userunknown', '5.1.1')).steps.join(' ')).not.toContain('slip');
    // a DNS lookup that failed this time, or a domain still being retried, may well exist (aon.com is a company's)
    expect(advise(verdict('lee@aon.com', 'networkerror', '4.4.3')).steps.join(' ')).not.toContain('slip');
    expect(advise({ ...verdict('kim@gmial.com', 'hostunknown', '4.1.2'), permanent: false, hard: false, action: 'delayed' }).steps.join(' ')).not.toContain('slip');
    expect(advise(verdict('kim@example.com', 'hostunknown', '5.1.2')).steps[0]).toMatch(/^Check the domain part for typos/);
  });

  it("still asks about the corrected address where a DNS failure says the domain does not exist (Gmail's NXDOMAIN)", () => {
    // Gmail's "DNS Error: … lookup of hotmial.com responded with code NXDOMAIN" reads as networkerror (as the corpus labels it).
    const gmail = { ...verdict('kim@hotmial.com', 'networkerror', '5.4.0'), hard: false, diagnostic: "DNS Error: 4128093 DNS type 'mx' lookup of hotmial.com responded with code NXDOMAIN Domain name not found: hotmial.com" };
    expect(advise(gmail).steps[0]).toBe('The domain looks like a slip of hotmail.com: ask the person whether kim@hotmail.com is their address, and send there.');
    // (Not one that failed this time: SERVFAIL, "try again".)
    expect(advise({ ...gmail, recipient: 'lee@aon.com', diagnostic: "DNS Error: DNS type 'mx' lookup of aon.com responded with code SERVFAIL" }).steps.join(' ')).not.toContain('slip');
  });

  it('takes the domain from a pasted DNS failure that names no address, where the domain cannot be found', async () => {
    const first = async (text: string) => (await lookup(text)).results[0]?.steps[0] ?? '';
    expect(await first("DNS Error: DNS type 'mx' lookup of gmial.com responded with code NXDOMAIN")).toBe(
      'The domain gmial.com looks like a slip of gmail.com: ask the person whether their address is at gmail.com (the same name before the @), and send there.',
    );
    expect(await first("DNS Error: 27138162 DNS type 'mx' lookup of hotmial.com responded with code NXDOMAIN Domain name not found: hotmial.com")).toMatch(/^The domain hotmial\.com looks like a slip of hotmail\.com/);
    // Postfix's and Sendmail's final answers that the domain was not found
    expect(await first('Host or domain name not found. Name service error for name=yahooo.com type=MX: Host not found')).toMatch(/^The domain yahooo\.com looks like a slip of yahoo\.com/);
    expect(await first('550 5.1.2 Host unknown (Name server: outlok.com: host not found)')).toMatch(/^The domain outlok\.com looks like a slip of outlook\.com/);
    // where the line writes the address, it is the one asked about
    expect(await first('550 5.1.2 <kim@gmial.com>: Recipient address rejected: Domain not found')).toBe(
      'The domain looks like a slip of gmail.com: ask the person whether kim@gmail.com is their address, and send there.',
    );
    // Not where the lookup failed this time, nor a domain that is no slip, nor a domain that exists
    for (const text of [
      "DNS Error: DNS type 'mx' lookup of gmial.com responded with code SERVFAIL",
      'Host or domain name not found. Name service error for name=gmial.com type=MX: Host not found, try again',
      "DNS Error: DNS type 'mx' lookup of example.org responded with code NXDOMAIN",
      '550 5.1.1 <kim@gmial.com>: Recipient address rejected: User unknown',
      '451 4.4.0 DNS lookup of gmial.com failed',
    ]) expect((await lookup(text)).results.flatMap((e) => e.steps).join(' '), text).not.toContain('slip');
  });

  it("tells the same for Gmail's NXDOMAIN answer in its whole report as pasted alone: the domain does not exist, so nothing is to be resent as is", async () => {
    const page = "Address not found\n\nYour message wasn't delivered to lee@example-gone.net because the domain example-gone.net couldn't be found. Check for typos or unnecessary spaces and try again.\n\nThe response was:\n\nDNS Error: 27622840 DNS type 'mx' lookup of example-gone.net responded with code NXDOMAIN\nDomain name not found: example-gone.net";
    const whole = await lookup(page);
    const alone = await lookup("DNS Error: 27622840 DNS type 'mx' lookup of example-gone.net responded with code NXDOMAIN");
    expect(whole.classification?.recipients.map((v) => v.recipient)).toEqual(['lee@example-gone.net']);
    for (const e of [whole.results[0], alone.results[0]]) {
      expect(e.retry.kind).toBe('none');
      expect(e.steps.join(' ')).not.toMatch(/send (?:it |the message )?again (?:later|in a day)/i);
      expect(e.whatHappened).not.toMatch(/may go through|cause has cleared/);
      expect(e.suppress).toBe(false);
    }
  });
});
