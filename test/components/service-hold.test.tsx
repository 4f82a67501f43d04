// @vitest-environment happy-dom
/**
 * A sending service's own hold (SendGrid's drop, Mailgun's 605, SES's suppression list,
 * Postmark's inactive recipient), as the popup, the panel and the ticket note show it: the
 * service contacted no server, so no card calls it the receiver's "Policy", a "policy block",
 * "Permanent", a cause that "cannot be decided", or shows a status the event never gave.
 */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { advise, lookup } from '../../lib/knowledge';
import { OutcomeView } from '../../components/verdict-list';
import { outcomeOfLookup, summaryLine, type Outcome } from '../../components/verdict-view';
import { ticketNote } from '../../components/ticket-note';

const SENDGRID_UNSUBSCRIBED = JSON.stringify([{ email: 'ann@example.com', timestamp: 1765101600, event: 'dropped', reason: 'Unsubscribed Address', status: '5.0.0' }]);
const SENDGRID_BATCH = JSON.stringify([
  { email: 'kim@example.com', event: 'bounce', type: 'bounce', status: '5.1.1', reason: '550 5.1.1 <kim@example.com>: Recipient address rejected: User unknown' },
  { email: 'ann@example.org', event: 'dropped', reason: 'Unsubscribed Address', status: '5.0.0' },
]);
const POSTMARK_INACTIVE = JSON.stringify({
  ErrorCode: 406,
  Message: 'You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: kim@example.com. Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression.',
});

let root: HTMLElement;
function mount(outcome: Outcome): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(<OutcomeView outcome={outcome} />, root);
  return root;
}
afterEach(() => {
  render(null, root);
  root.remove();
});

const shown = async (text: string) => outcomeOfLookup(await lookup(text), advise);
const rows = (el: HTMLElement) => Object.fromEntries([...el.querySelectorAll('.bi-facts > div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
const badges = (el: HTMLElement) => [...el.querySelectorAll('.bi-badge')].map((b) => b.textContent!.replace(/^\W+/, ''));

describe("a sending service's own hold", () => {
  it('is held back by the sending service, not a receiver policy that cannot be decided', async () => {
    const el = mount(await shown(SENDGRID_UNSUBSCRIBED));
    expect(el.textContent).toContain('held the message back and contacted no server');
    expect(badges(el)).toEqual(['Do not resend as is', 'Held by your sending service']);
    const facts = rows(el);
    expect(facts.Reason).toBe('Held back by your sending service: the address is on its suppression list');
    expect(facts['Failed at']).toBe('Your sending service (no receiving server was asked)');
    // SendGrid gave 5.0.0: shown, as its label.
    expect(facts.Code).toBe("5.0.0 (the sending service's own label, not a server's answer)");
  });

  it("quotes the service's words as the service's, not a server's", async () => {
    const outcome = await shown(POSTMARK_INACTIVE);
    const el = mount(outcome);
    const sources = [...el.querySelectorAll('.bi-evidence__source')].map((s) => s.textContent);
    expect(sources).toContain("Sending service's words");
    expect(sources).not.toContain('Server reply');
    if (outcome.state !== 'views') throw new Error('no cards');
    const note = ticketNote(outcome.views);
    expect(note).toContain('The sending service said: ');
    expect(note).not.toContain('Server said');
  });

  it("says to send again later when the hold is over the account's plan, as its retry line does", async () => {
    const el = mount(await shown(JSON.stringify([{ email: 'ann@example.com', event: 'dropped', reason: 'Recipient List over Package Quota', status: '5.0.0' }])));
    expect(rows(el).Retry).toMatch(/^Send again once the plan allows it/);
    expect(badges(el)).toEqual(['Resend later yourself', 'Held by your sending service']);
    expect(rows(el).Reason).toBe("Held back by your sending service: your plan's limit");
  });

  it('shows no status the event did not give', async () => {
    const el = mount(await shown(POSTMARK_INACTIVE));
    expect(el.querySelector('[data-testid="verdict"]')).not.toBeNull();
    expect(rows(el).Code).toBeUndefined();
    expect(el.textContent).not.toContain('status implied');
    expect(el.textContent).not.toContain('cannot be decided');
  });

  it("is explained the same when Mailgun's 605 line is pasted on its own", async () => {
    const el = mount(await shown('605 Not delivering to previously bounced address'));
    expect(badges(el)).toEqual(['Do not resend as is', 'Held by your sending service']);
    expect(rows(el)['Failed at']).toBe('Your sending service (no receiving server was asked)');
  });

  it('is counted as held back, not as a policy block, in the summary and the ticket note', async () => {
    const outcome = await shown(SENDGRID_BATCH);
    expect(summaryLine(outcome)).toBe('2 recipients · 1 to suppress · 1 held back by the sending service');
    if (outcome.state !== 'views') throw new Error('no cards');
    const note = ticketNote(outcome.views);
    expect(note).toContain('Bounce summary: 2 recipients, 1 to suppress, 1 held back by the sending service.');
    expect(note).toContain('Failed at: Your sending service (no receiving server was asked).');
    expect(note).not.toContain('policy block');
  });
});
