// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { VerdictCard } from '../../components/verdict-card';
import { OutcomeView } from '../../components/verdict-list';
import { outcomeOfClassification, outcomeOfLookup, viewFromExplanation, viewFromVerdict } from '../../components/verdict-view';
import { advice, classification, explanation, POLICY_ADVICE, verdict } from './fixtures';

let root: HTMLElement;
function mount(node: preact.ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('VerdictCard', () => {
  it('exposes the test hooks and shows headline, codes, steps and folded evidence', () => {
    const el = mount(<VerdictCard view={viewFromVerdict(verdict(), advice(), 0)} />);
    const card = el.querySelector('[data-testid="verdict"]')!;
    expect(card.getAttribute('data-status')).toBe('5.1.1');
    expect(card.getAttribute('data-reply')).toBe('550');
    expect(card.getAttribute('data-reason')).toBe('userunknown');
    expect(card.getAttribute('data-suppress')).toBe('true');
    expect(card.getAttribute('data-permanent')).toBe('true');
    expect(card.querySelector('h2')!.textContent).toBe('kijitora@example.jp');
    expect(card.textContent).toContain('The mailbox does not exist.');
    expect(card.textContent).toContain('550 5.1.1');
    expect(card.textContent).toContain('Suppress address');
    expect([...card.querySelectorAll('ol.bi-steps li')].map((li) => li.textContent)).toEqual(advice().steps);
    const details = card.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')!.textContent).toContain('Evidence');
    // The diagnostic is not quoted by any evidence line, so it is shown first.
    expect([...details.querySelectorAll('code')].map((c) => c.textContent)).toEqual([
      verdict().diagnostic,
      'Status: 5.1.1',
      'Final-Recipient: rfc822; kijitora@example.jp',
    ]);
  });

  it('says retry, policy and who acts in words, and links only https help pages safely', () => {
    const view = viewFromVerdict(verdict({ status: '5.7.26', reason: 'authfailure', permanent: true }), POLICY_ADVICE, 1);
    const el = mount(<VerdictCard view={view} level={3} />);
    const card = el.querySelector('[data-testid="verdict"]')!;
    expect(card.getAttribute('data-suppress')).toBe('false');
    expect(card.querySelector('h3')).not.toBeNull();
    const badges = [...card.querySelectorAll('.bi-badge')].map((b) => b.textContent);
    expect(badges).toEqual(['‖Pause sending', '◆Policy', '!Affects all your mail', '●Permanent']);
    const link = card.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://support.google.com/mail/answer/81126');
    expect(link.getAttribute('rel')).toBe('noreferrer noopener');
    expect(link.getAttribute('target')).toBe('_blank');

    render(<VerdictCard view={{ ...view, advice: { ...POLICY_ADVICE, helpUrl: 'javascript:alert(1)' } }} />, root);
    expect(root.querySelector('a')).toBeNull();
    // nor any https page outside our own table of official help pages
    render(<VerdictCard view={{ ...view, advice: { ...POLICY_ADVICE, helpUrl: 'https://evil.example.com/help' } }} />, root);
    expect(root.querySelector('a')).toBeNull();
  });

  it('says a delay notice is still being retried, not that the sender should retry later', () => {
    const retry = { kind: 'backoff' as const, summary: 'Let your mail server retry with growing intervals.' };
    const temporary = advice({ permanent: false, suppress: false, layer: 'mailbox-capacity', whoActs: 'recipient', retry });
    const badges = (action: 'delayed' | 'failed') => {
      const view = viewFromVerdict(verdict({ action, status: '4.2.2', reply: '452', reason: 'mailboxfull', permanent: false }), temporary, 0);
      const card = mount(<VerdictCard view={view} />).querySelector('[data-testid="verdict"]')!;
      const words = [...card.querySelectorAll('.bi-badge')].map((b) => b.textContent);
      render(null, root);
      root.remove();
      return words;
    };
    expect(badges('delayed')).toEqual(['↻Still being retried', '○Temporary']);
    // A failed report of a temporary failure: nobody is retrying it, so the sender may.
    expect(badges('failed')).toEqual(['↻Retry later', '○Temporary']);
  });

  it('calls a failure the sender may resend later permanent for this attempt only', () => {
    const later = advice({ suppress: false, layer: 'mailbox-capacity', whoActs: 'recipient', retry: { kind: 'later', summary: 'Send it again in a day or two.' } });
    const view = viewFromVerdict(verdict({ status: '5.2.2', reply: '552', reason: 'mailboxfull' }), later, 0);
    const card = mount(<VerdictCard view={view} />).querySelector('[data-testid="verdict"]')!;
    expect([...card.querySelectorAll('.bi-badge')].map((b) => b.textContent)).toEqual(['↻Resend later yourself', '●Permanent for this attempt']);
  });

  it('does not call a success notice, an automatic reply or a complaint a failure', () => {
    const nothing = advice({ permanent: false, suppress: false, retry: { kind: 'none', summary: 'Nothing to retry.' } });
    const cases = [
      ['delivered', nothing, ['✓Delivered']],
      ['vacation', nothing, ['✓Delivered: automatic reply']],
      ['feedback', { ...nothing, layer: 'policy' as const, senderSignal: true }, ['!Spam complaint', '!Affects all your mail']],
    ] as const;
    for (const [reason, given, expected] of cases) {
      const view = viewFromVerdict(verdict({ reason, status: '', reply: '', permanent: false, hard: false }), given, 0);
      const card = mount(<VerdictCard view={view} />).querySelector('[data-testid="verdict"]')!;
      expect([...card.querySelectorAll('.bi-badge')].map((b) => b.textContent), reason).toEqual(expected);
      expect([...card.querySelectorAll('.bi-facts dt')].map((dt) => dt.textContent), reason).not.toContain('Failed at');
      // Nobody acts on a delivery or an out-of-office reply ("You and the recipient" would read as a task); a complaint is the sender's to act on.
      expect([...card.querySelectorAll('.bi-facts dt')].map((dt) => dt.textContent).includes('Who acts'), reason).toBe(reason === 'feedback');
      render(null, root);
      root.remove();
    }
    // A failure keeps its "Failed at".
    const failed = mount(<VerdictCard view={viewFromVerdict(verdict(), advice(), 0)} />);
    expect([...failed.querySelectorAll('.bi-facts dt')].map((dt) => dt.textContent)).toContain('Failed at');
  });

  it('names the remote server the report gives, on a shared card only when all met the same one', () => {
    const facts = (el: Element) => [...el.querySelectorAll('.bi-facts > div')].map((row) => `${row.querySelector('dt')!.textContent}: ${row.querySelector('dd')!.textContent}`);
    const one = viewFromVerdict(verdict(), advice(), 0);
    expect(facts(mount(<VerdictCard view={one} />))).toContain('Remote server: mx.example.jp');
    render(null, root);
    root.remove();
    const other = viewFromVerdict(verdict({ recipient: 'b@example.net', remoteMta: 'mx.example.net' }), advice(), 1);
    const shared = mount(<VerdictCard view={one} members={[one, other]} />);
    expect(facts(shared).some((fact) => fact.startsWith('Remote server'))).toBe(false);
    render(null, root);
    root.remove();
    expect(facts(mount(<VerdictCard view={viewFromVerdict(verdict({ remoteMta: '' }), advice(), 0)} />)).some((f) => f.startsWith('Remote server'))).toBe(false);
  });

  it('renders text from the email as text, never as markup', () => {
    const hostile = '<img src=x onerror="alert(1)"><a href="https://evil.example">click</a>';
    const view = viewFromVerdict(
      verdict({ recipient: hostile, diagnostic: hostile, evidence: [{ source: 'body', text: hostile, gave: 'reply' }] }),
      advice(),
      0,
    );
    const el = mount(<VerdictCard view={view} />);
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('a')).toBeNull();
    expect(el.querySelector('h2')!.textContent).toBe(hostile);
  });

  it('titles a looked-up code by its explanation title', () => {
    const el = mount(<VerdictCard view={viewFromExplanation(explanation(), 0)} />);
    expect(el.querySelector('h2')!.textContent).toBe('Bad destination mailbox address');
    expect(el.querySelector('details')).toBeNull();
  });
});

describe('OutcomeView', () => {
  it('shows a plain message instead of an empty card and announces it', () => {
    const el = mount(<OutcomeView outcome={{ state: 'message', tone: 'info', text: 'No code found.' }} />);
    expect(el.querySelector('[data-testid="verdict"]')).toBeNull();
    expect(el.querySelector('[data-testid="message"]')!.textContent).toBe('No code found.');
    expect(el.querySelector('[role="status"]')!.textContent).toBe('No code found.');
  });

  it('shows the idle text until there is something to explain', () => {
    const el = mount(<OutcomeView outcome={{ state: 'idle' }} idleText="Paste a code." />);
    expect(el.textContent).toContain('Paste a code.');
    expect(el.querySelector('[role="status"]')!.textContent).toBe('');
  });

  it('says which address the sender used when an alias led to the one that failed', () => {
    const el = mount(<OutcomeView outcome={outcomeOfClassification(classification([verdict({ sentTo: 'info@example.com' })]), () => advice())} />);
    expect(el.querySelector('.bi-card__head')!.textContent).toContain('Sent to info@example.com');
    const plain = mount(<OutcomeView outcome={outcomeOfClassification(classification([verdict()]), () => advice())} />);
    expect(plain.querySelector('.bi-card__head')!.textContent).not.toContain('Sent to');
  });

  it('says above the cards when recipients or lines were not read, not after the last card where a long list hides it', () => {
    const outcome = outcomeOfClassification(classification([verdict()], { omittedRecipients: 5, unreadLines: 1_000 }), () => advice());
    const el = mount(<OutcomeView outcome={outcome} />);
    expect(el.querySelectorAll('[data-testid="verdict"]')).toHaveLength(1);
    const note = el.querySelector('[data-testid="omitted"]')!;
    expect(note.textContent).toContain('5 more recipients');
    expect(note.compareDocumentPosition(el.querySelector('[data-testid="verdict"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const plain = mount(<OutcomeView outcome={outcomeOfClassification(classification([verdict()]), () => advice())} />);
    expect(plain.querySelector('[data-testid="omitted"]')).toBeNull();
  });

  it("warns above the cards when the report's sender failed DMARC where it was received", () => {
    const dmarcFail = { domain: 'example.net', line: 'Authentication-Results: mx.google.com; dmarc=fail header.from=example.net' };
    const el = mount(<OutcomeView outcome={outcomeOfClassification(classification([verdict()], { dmarcFail }), () => advice())} />);
    const note = el.querySelector('[data-testid="dmarc"]')!;
    expect(note.textContent).toContain('its sender, example.net, failed DMARC');
    // above the first card
    expect(note.compareDocumentPosition(el.querySelector('[data-testid="verdict"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const plain = mount(<OutcomeView outcome={outcomeOfClassification(classification([verdict()]), () => advice())} />);
    expect(plain.querySelector('[data-testid="dmarc"]')).toBeNull();
  });

  it("says a looked-up token's code is the one usually sent with it", () => {
    const token = explanation({ reply: '550', status: '5.7.1', providerTokens: ['S3150'] });
    const el = mount(<OutcomeView outcome={outcomeOfLookup({ query: 'S3150', results: [token] }, () => advice())} />);
    expect(el.querySelector('.bi-facts')!.textContent).toContain('550 5.7.1 (the code usually sent with this; your bounce may show another)');
  });

  it('warns of an address that mixes alphabets within one name', () => {
    const el = mount(<OutcomeView outcome={outcomeOfClassification(classification([verdict({ recipient: 'billing@p\u0430ypal.com' })]), () => advice())} />);
    expect(el.querySelector('[data-testid="look-alike"]')!.textContent).toBe('Look-alike letters: billing@p\u0430ypal.com mixes Latin and Cyrillic letters, so it is not the address it may look like.');
    const plain = mount(<OutcomeView outcome={outcomeOfClassification(classification([verdict()]), () => advice())} />);
    expect(plain.querySelector('[data-testid="look-alike"]')).toBeNull();
  });
});
