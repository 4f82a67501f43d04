import { describe, expect, it } from 'vitest';
import { extractCodes, findReplies, findStatuses, hasPermanentCode, preferStatus } from '../../lib/classify/codes';

describe('extractCodes', () => {
  it.each([
    ['550 5.1.1 <a@example.com>: Recipient address rejected', '550', '5.1.1'],
    ['550-5.7.26 Unauthenticated email is not accepted', '550', '5.7.26'],
    ['#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##', '550', '5.1.1'],
    ['host mx.example.com[192.0.2.1] said: 552 5.2.2 Mailbox full', '552', '5.2.2'],
    ['Remote host said: 550 Unknown user', '550', ''],
    ['Sorry, no mailbox here by that name. (#5.1.1)', '', '5.1.1'],
    // a wrapper whose codes disagree: the quoted pair that agrees wins
    ['554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>', '421', '4.4.2'],
    // ... but with nothing quoted, Exchange's expiry keeps its own pair; other disagreements do not
    ["Remote Server returned '550 4.4.7 QUEUE.Expired; message expired'", '550', '4.4.7'],
    ['550 4.2.2 Mailbox full', '550', ''],
    // Sendmail V5 wraps the remote reply
    ['554 <kijitora@example.org>... 550 Host unknown', '550', ''],
    // a transcript quotes the OK lines too
    ['Out: 250 2.1.5 Ok In: DATA Out: 451 4.3.0 Error: queue file write error', '451', '4.3.0'],
    ['ERROR_CODE :550, ERROR_CODE :5.1.1 <a@example.com>... User Unknown', '550', '5.1.1'],
  ])('%s', (text, reply, status) => {
    expect(extractCodes(text)).toMatchObject({ reply, status });
  });

  it('ignores IP addresses, versions, times and numbers that are not SMTP replies', () => {
    expect(extractCodes('connect to 10.5.1.1:25 at 12:34:550 version 2.4.6.8; 522 units')).toEqual({ reply: '', status: '' });
  });
});

describe('findStatuses', () => {
  it('rejects a subject digit over 7', () => expect(findStatuses('5.8.1 and 4.4.7')).toEqual(['4.4.7']));
});

describe('findReplies', () => {
  it('only counts codes SMTP defines', () => expect(findReplies('426 522 550').map((r) => r.code)).toEqual(['550']));
});

describe('preferStatus', () => {
  it('takes the more specific status of the same class', () => expect(preferStatus('5.0.0', '5.1.1')).toBe('5.1.1'));
  it('keeps the first when the classes differ', () => expect(preferStatus('5.0.0', '4.2.2')).toBe('5.0.0'));
  it('gives way only from a status that says just the class (X.0.0)', () => {
    expect(preferStatus('4.0.0', '4.2.2')).toBe('4.2.2');
    expect(preferStatus('5.7.1', '5.1.1')).toBe('5.7.1');
    expect(preferStatus('', '5.1.1')).toBe('5.1.1');
  });
});

describe('hasPermanentCode', () => {
  it('finds a permanent code of its own, not one that address verification quotes inside a deferral', () => {
    expect(hasPermanentCode('remote server returned 550 5.1.1 user unknown')).toBe(true);
    expect(hasPermanentCode('status 5.2.2, mailbox full')).toBe(true);
    expect(hasPermanentCode('451 4.7.500 try again later')).toBe(false);
    const verify = "remote server returned '450 4.1.1 <kim@example.org>: recipient address rejected: unverified address: host mx.example.org[192.0.2.1] said: 550 5.1.1 <kim@example.org>: user unknown (in reply to rcpt to command)'";
    expect(hasPermanentCode(verify)).toBe(false);
    // ... but a permanent reply of its own beside it still counts
    expect(hasPermanentCode(`${verify} lee@example.net 550 5.1.1 no such user`)).toBe(true);
    // without the deferral, the quoted words are no excuse
    expect(hasPermanentCode('unverified address: host mx.example.org said: 550 5.1.1 user unknown')).toBe(true);
  });
});
