/**
 * detectProvider and matchProviderResponse: the two functions the classifier calls on every
 * message.
 */
import { describe, expect, it } from 'vitest';
import { detectProvider, extractTokens, matchProviderResponse } from '../../lib/knowledge';
import { providerBySentence } from '../../lib/knowledge/provider-match';

describe('detectProvider', () => {
  it('recognises providers by host names and markers', () => {
    const cases: [string, string][] = [
      ['550-5.1.1 the email account that you tried to reach does not exist. x12si123.12 - gsmtp', 'google'],
      ['remote-mta: dns; mail-eopbgr.eop-nam02.prod.protection.outlook.com', 'microsoft'],
      ['mta7.am0.yahoodns.net', 'yahoo'],
      ['host mx01.mail.icloud.com said: 550 5.1.1 <x@me.com>: user does not exist', 'apple'],
      ['<bob@me.com>: host mx.example.net said: 550 no', 'apple'],
      ['mx.zoho.com', 'zoho'],
      ['blocked using zen.spamhaus.org', 'spamhaus'],
      ['this is the mail system at protonmail', 'proton'],
    ];
    for (const [text, provider] of cases) expect(detectProvider(text).provider, text).toBe(provider);
  });

  it('does not take part of a longer name for a marker', () => {
    expect(detectProvider('<bob@acme.com>: 550 user unknown').provider).toBe('');
    expect(detectProvider('host mail.someweb.dev said 550').provider).toBe('');
    expect(detectProvider('<a@olive.com> <b@kaol.com> <c@fcox.net> <d@mqq.com>').provider).toBe('');
    expect(detectProvider('<a@live.com>').provider).toBe('microsoft');
    expect(detectProvider('').provider).toBe('');
  });

  it('lets the answering mailbox provider win over a filter it mentions', () => {
    expect(detectProvider('553 5.7.1 [bl21] connections not accepted because the ip is in spamhaus\'s list; see https://senders.yahooinc.com').provider).toBe('yahoo');
  });

  it('extracts provider tokens in canonical case', () => {
    const t = (s: string) => detectProvider(s.toLowerCase()).tokens;
    expect(t("550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).")).toEqual(['S3150']);
    expect(t('550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DM6NAM10FT012.eop-nam10.prod.protection.outlook.com]')).toEqual(['AS(201806281)']);
    expect(t('451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (S77719) (AS843)')).toEqual(['S77719', 'AS843']);
    expect(t('421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints')).toEqual(['TSS04']);
    expect(t('421 4.7.0 [TS01] Messages from 192.0.2.1 temporarily deferred')).toEqual(['TS01']);
    expect(t('554 5.7.1 [HM08] Message rejected due to local policy')).toEqual(['HM08']);
    expect(t('Learn more at https://support.google.com/mail/?p=NoSuchUser a1si2 - gsmtp')).toEqual(['p=NoSuchUser']);
    expect(t('Learn more at https://support.google.com/mail/answer/6596 a1si2 - gsmtp')).toEqual(['answer/6596']);
    expect(t('550 SC-001 (BAY004-MC1F21) Unfortunately, messages from 192.0.2.1 weren\'t sent')).toEqual(['SC-001']);
    expect(t('554 IB104 Connection refused. 192.0.2.1 is listed by Spamhaus SBL')).toEqual(['IB104']);
    expect(t('550 BL000001 Comcast block')).toEqual(['BL000001']);
    expect(t('554 CXBL 192.0.2.1 blocked')).toEqual(['CXBL']);
    expect(t('554 5.7.1 refused AUP#I-1000')).toEqual(['AUP#I-1000']);
    expect(t('550 5.1.1 Adresse d au moins un destinataire invalide. OFR_416 [416]')).toEqual(['OFR_416']);
    expect(t('554-gmx.net (mxgmx012) Nemesis ESMTP Service not available, see https://postmaster.gmx.net/en/case?c=r0201')).toEqual(['c=r0201']);
  });

  it('does not invent tokens from ordinary words, addresses or DMARC text', () => {
    expect(extractTokens('the distribution list [192.0.2.1] p=none; rua=mailto:x@example.com (see 5.7.1) responsible ibm')).toEqual([]);
    expect(extractTokens('tls 1.2 [ts]')).toEqual([]);
  });

  it('names the provider from tokens when no host is given', () => {
    expect(detectProvider('(s3150)').provider).toBe('microsoft');
    expect(detectProvider('[tss04]').provider).toBe('yahoo');
    expect(detectProvider('ib104').provider).toBe('godaddy');
  });

  it("trusts a provider's own token over a host name that belongs to someone else", () => {
    // Spectrum refusing an Amazon SES sender: the address is Amazon's, the reply Spectrum's.
    const text = '550 5.1.0 <0100abc@amazonses.com> sender rejected. please see https://www.example.net/help aup#in-1310';
    expect(detectProvider(text)).toEqual({ provider: 'spectrum', tokens: ['AUP#IN-1310'] });
    expect(matchProviderResponse(text, { reply: '550', status: '5.1.0' })?.id).toBe('spectrum.AUP-1300');
  });
});

describe('matchProviderResponse', () => {
  it('requires codes to agree where rows share their words', () => {
    const text = 'the user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered. - gsmtp';
    expect(matchProviderResponse(text, { reply: '450', status: '4.2.1' })?.id).toBe('google.4.2.1.receiving-rate');
    expect(matchProviderResponse(text, { reply: '550', status: '5.2.1' })?.id).toBe('google.5.2.1.receiving-rate');
    const ms = 'access denied, please try again later';
    expect(matchProviderResponse(ms, { status: '4.7.512' })?.id).toBe('microsoft.4.7.500.ip-throttled');
    expect(matchProviderResponse(ms, { status: '4.7.870' })?.id).toBe('microsoft.4.7.850.ip-suspicious');
  });

  it('takes permanence from the real reply, unless the provider documents otherwise', () => {
    const old = matchProviderResponse('our system has detected an unusual rate of unsolicited mail originating from your ip address. p=unsolicitedratelimiterror', { reply: '421', status: '4.7.0' });
    expect(old).toMatchObject({ id: 'google.4.7.28.unsolicited-ip', permanent: false, reason: 'badreputation' });
    const qq = matchProviderResponse('550 ip frequency limited', { reply: '550' });
    expect(qq).toMatchObject({ provider: 'tencent', reason: 'speeding', permanent: false });
  });

  it('returns tokens and the row codes', () => {
    const m = matchProviderResponse("550 5.7.1 unfortunately, messages from [192.0.2.1] weren't sent. part of their network is on our block list (s3150).", { reply: '550', status: '5.7.1' });
    expect(m).toMatchObject({ id: 'microsoft.S3150', provider: 'microsoft', reason: 'blocked', permanent: true, tokens: ['S3150'], reply: '550', status: '5.7.1' });
  });

  it('reads an Orange or La Poste code by its number, whatever the server prefix', () => {
    for (const text of ['550 5.1.1 ofr_416 [416]', '550 5.5.0 adresse destinataire invalide. invalid recipient. lpn007_416']) {
      expect(matchProviderResponse(text, { reply: '550' })).toMatchObject({ id: 'orange.416', reason: 'userunknown' });
    }
    expect(matchProviderResponse('550 5.5.0 invalid recipient. lpn007_4160', { reply: '550' })?.id).not.toBe('orange.416');
  });

  it("reads Orange's documented OFR numbers (spam, PTR, authentication, reputation), not La Poste's LPN ones", () => {
    const orange = (text: string) => matchProviderResponse(text, { reply: text.slice(0, 3) });
    expect(orange('550 5.2.0 mail rejete. mail rejected. ofr_506 [506]')).toMatchObject({ id: 'orange.506', reason: 'spamdetected' });
    expect(orange('550 5.2.0 mail rejete. mail rejected. ofr004_536 [536]')).toMatchObject({ id: 'orange.506', reason: 'spamdetected' });
    expect(orange('421 service refuse. ofr006_107 [107]')).toMatchObject({ id: 'orange.107', reason: 'requireptr' });
    expect(orange('550 mail rejected. ofr_515 [515]')).toMatchObject({ id: 'orange.515', reason: 'authfailure' });
    expect(orange('421 service refuse. ofr_989 [989]')).toMatchObject({ id: 'orange.reputation', reason: 'badreputation', permanent: false });
    // La Poste's numbers are its own: LPN 506 or 107 are not read as Orange's.
    expect(orange('550 5.5.0 service refuse. lpn007_506')).toBeUndefined();
    expect(orange('421 4.2.1 service refuse. lpn006_107')).toBeUndefined();
    expect(orange('550 mail rejected. ofr_5060')).toBeUndefined();
  });

  it("reads GMX's multi-line replies by their last line, not the generic first one", () => {
    const gmx = (rest: string) => matchProviderResponse(`550-requested action not taken: mailbox unavailable ${rest} (mx00.gmx.net)`, { reply: '550' });
    expect(gmx('550 for explanation visit https://postmaster.gmx.net')?.id).toBe('gmx.mailbox-unavailable');
    expect(gmx('550-reject due to policy restrictions. 550 for explanation visit https://postmaster.gmx.net/en/case?c=poli')?.reason).not.toBe('userunknown');
    expect(gmx('550 invalid dns mx or a/aaaa resource record')?.reason).not.toBe('userunknown');
  });

  it("does not let Mimecast's help link, on every Mimecast refusal, name the cause", () => {
    const link = 'https://community.mimecast.com/docs/DOC-1369#550';
    expect(matchProviderResponse(`550 invalid recipient - ${link} [abc.uk1]`.toLowerCase(), { reply: '550' })?.id).not.toBe('mimecast.user-entry');
    expect(matchProviderResponse(`550 envelope blocked - user entry - ${link}`.toLowerCase(), { reply: '550' })?.id).toBe('mimecast.user-entry');
  });

  it('trusts generic words only when the provider is recognised', () => {
    expect(matchProviderResponse('550 user unknown', { reply: '550' })).toBeUndefined();
    expect(matchProviderResponse('550 5.1.1 user unknown (mx.zoho.com)', { reply: '550', status: '5.1.1' })?.id).toBe('zoho.5.1.1.user-unknown');
    expect(matchProviderResponse('requested action not taken: mailbox unavailable', { reply: '550' })).toBeUndefined();
  });

  it('never returns a marker row and handles empty input', () => {
    expect(matchProviderResponse('gsmtp', {})).toBeUndefined();
    expect(matchProviderResponse('', {})).toBeUndefined();
    expect(matchProviderResponse('yahoodns.net', {})).toBeUndefined();
  });
});

describe('providerBySentence', () => {
  it("names the provider from a sentence only it writes, and nobody from words any server writes", () => {
    expect(providerBySentence("550 5.7.26 unauthenticated email from example.org is not accepted due to domain's dmarc policy.")).toBe('google');
    expect(providerBySentence('554 delivery error: dd sorry your message cannot be delivered. this account has been disabled or discontinued')).toBe('yahoo');
    expect(providerBySentence('554 5.7.1 <kim@example.com>: recipient address rejected: access denied')).toBe('');
    expect(providerBySentence('550 requested action not taken: mailbox unavailable')).toBe('');
    expect(providerBySentence('')).toBe('');
  });
});
