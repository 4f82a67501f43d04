import { describe, expect, it } from 'vitest';
import { parseDeliveryStatus, stripType } from '../../lib/classify/delivery-status';

describe('parseDeliveryStatus', () => {
  it('reads per-message and per-recipient groups, with continued Diagnostic-Code', () => {
    const dsn = parseDeliveryStatus(
      [
        'Reporting-MTA: dns; mx.example.net',
        'Arrival-Date: Mon, 24 May 2010 19:06:50 +0900',
        '',
        'Final-Recipient: rfc822; a@example.com',
        'Original-Recipient: rfc822;a@example.com',
        'Action: failed',
        'Status: 5.1.1',
        'Remote-MTA: dns; mx01.example.com',
        'Diagnostic-Code: smtp; 550 5.1.1 Address rejected',
        '    a@example.com',
        '',
        'Final-Recipient: rfc822; b@example.com',
        'Action: delayed',
        'Status: 4.2.2',
      ].join('\n'),
    );
    expect(dsn.reportingMta).toBe('mx.example.net');
    expect(dsn.recipients).toHaveLength(2);
    expect(dsn.recipients[0]).toMatchObject({
      finalRecipient: 'a@example.com',
      action: 'failed',
      status: '5.1.1',
      remoteMta: 'mx01.example.com',
      diagnostic: '550 5.1.1 Address rejected a@example.com',
    });
    expect(dsn.recipients[1]).toMatchObject({ finalRecipient: 'b@example.com', action: 'delayed', status: '4.2.2' });
  });

  it("takes a missing Action from the status class: 2.X.X delivered, 5.X.X failed, 4.X.X unsaid", () => {
    const ds = parseDeliveryStatus('Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; kim@example.org\nStatus: 5.1.1\n\nFinal-Recipient: rfc822; lee@example.org\nStatus: 2.0.0\n\nFinal-Recipient: rfc822; ann@example.org\nStatus: 4.4.1\n');
    expect(ds.recipients.map((r) => r.action)).toEqual(['failed', 'delivered', '']);
  });

  it('splits recipients that are not separated by blank lines', () => {
    const dsn = parseDeliveryStatus('Final-Recipient: rfc822; a@example.com\nStatus: 5.1.1\nFinal-Recipient: rfc822; b@example.com\nStatus: 5.2.2\n');
    expect(dsn.recipients.map((r) => [r.finalRecipient, r.status])).toEqual([
      ['a@example.com', '5.1.1'],
      ['b@example.com', '5.2.2'],
    ]);
  });

  it('keeps X-Actual-Recipient in the same group', () => {
    const dsn = parseDeliveryStatus('Final-Recipient: RFC822; list@example.jp\nX-Actual-Recipient: RFC822; a@example.com\nAction: failed\n');
    expect(dsn.recipients).toHaveLength(1);
  });

  it('accepts a Diagnostic-Code without its type', () => {
    const r = parseDeliveryStatus('Final-Recipient: a@example.com\nDiagnostic-Code: 550 No such user\n').recipients[0];
    expect([r.diagnostic, r.diagnosticType]).toEqual(['550 No such user', '']);
  });

  it('unfolds a Diagnostic-Code whose folded lines look like fields ("rejected: ...", "https://...")', () => {
    const dsn = parseDeliveryStatus(
      ['Final-Recipient: rfc822; a@example.com', 'Action: failed', 'Status: 5.7.1', 'Diagnostic-Code: smtp; 550 5.7.1 Blocked - see', '    https://www.example.net/help?c=BL000000', '    rejected: listed', '    Remote-MTA: dns; mx.example.com'].join('\n'),
    ).recipients[0];
    expect(dsn.diagnostic).toBe('550 5.7.1 Blocked - see https://www.example.net/help?c=BL000000 rejected: listed');
    expect(dsn.remoteMta).toBe('mx.example.com');
  });

  it('keeps what the Status field says after its code', () => {
    const r = parseDeliveryStatus('Final-Recipient: rfc822; a@example.net\nAction: delayed\nStatus: 4.0.0 (example.net: host name lookup failure)\n').recipients[0];
    expect([r.status, r.statusComment]).toEqual(['4.0.0', '(example.net: host name lookup failure)']);
  });

  it('keeps the Diagnostic-Code type, lower-cased', () => {
    const r = parseDeliveryStatus('Final-Recipient: rfc822; a@example.com\nStatus: 4.5.0\nDiagnostic-Code: X-Unix; 71\n').recipients[0];
    expect([r.diagnostic, r.diagnosticType]).toEqual(['71', 'x-unix']);
  });
});

describe('stripType', () => {
  it('drops a short type prefix only', () => {
    expect(stripType('rfc822; a@example.com')).toBe('a@example.com');
    expect(stripType('550 5.1.1 <a@b>; not found')).toBe('550 5.1.1 <a@b>; not found');
  });
});
