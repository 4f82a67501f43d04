import { describe, expect, it } from 'vitest';
import { ticketNote } from '../../components/ticket-note';
import { viewFromExplanation, viewFromVerdict } from '../../components/verdict-view';
import { advice, explanation, POLICY_ADVICE, verdict } from './fixtures';

describe('ticketNote', () => {
  it('summarises each recipient: what happened, what to do next', () => {
    const views = [
      viewFromVerdict(verdict(), advice(), 0),
      viewFromVerdict(verdict({ recipient: 'neko@example.com', status: '5.7.26', reason: 'authfailure' }), POLICY_ADVICE, 1),
    ];
    const note = ticketNote(views, { subject: 'Invoice 42' });
    expect(note).toContain('Bounce summary: 2 recipients, 1 to suppress.\nBounced message: Invoice 42');
    expect(note).toContain('kijitora@example.jp (550 5.1.1)\n');
    expect(note).toContain('Address: suppress it; stop mailing it now.');
    expect(note).toContain('neko@example.com (550 5.7.26)');
    expect(note).toContain('Retry: Fix authentication before sending again.');
    expect(note).toContain('Next steps:\n  1. Publish an SPF record.\n  2. Sign with DKIM.\n  3. Check DMARC alignment.');
    expect(note).toContain('Who acts: You, the sender.');
    expect(note).toContain('Server said: 550 5.1.1 <kijitora@example.jp>: Recipient address rejected: User unknown');
  });

  it('names a looked-up code by its title and says it is a lookup', () => {
    const note = ticketNote([viewFromExplanation(explanation({ providerTokens: ['S3150'] }), 0)]);
    expect(note.startsWith('Bounce code lookup: 1 result.\n\nBad destination mailbox address (550 5.1.1)')).toBe(true);
    expect(note).toContain('Provider code: S3150');
  });
});
