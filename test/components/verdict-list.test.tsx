// @vitest-environment happy-dom
/** Cards for many recipients: one card per shared verdict, and the visible summary line. */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { OutcomeView } from '../../components/verdict-list';
import { outcomeOfClassification, outcomeOfLookup, type Outcome } from '../../components/verdict-view';
import type { RecipientVerdict } from '../../lib/types';
import { advice, classification, explanation, fakeAdvise, verdict } from './fixtures';

let root: HTMLElement;
function mount(outcome: Outcome): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(<OutcomeView outcome={outcome} level={3} />, root);
  return root;
}
afterEach(() => {
  render(null, root);
  root.remove();
});
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const texts = (els: Iterable<Element>) => [...els].map((el) => el.textContent);

/** 40 recipients, as a large Exchange report gives them: unknown users and policy blocks in turn. */
function manyRecipients(): RecipientVerdict[] {
  return Array.from({ length: 40 }, (_, i) =>
    i % 2
      ? verdict({
          recipient: `user${i}@example.net`,
          diagnostic: `550 5.1.10 <user${i}@example.net> Recipient not found`,
          evidence: [{ source: 'body', text: `user${i}@example.net: 550 5.1.10`, gave: 'status' }],
        })
      : verdict({
          recipient: `user${i}@example.org`,
          status: '5.7.26',
          reason: 'authfailure',
          hard: false,
          diagnostic: `550 5.7.26 <user${i}@example.org> unauthenticated`,
          evidence: [],
        }),
  );
}

describe('VerdictList grouping', () => {
  it('gives recipients with the same verdict one card that lists the first few addresses', () => {
    const el = mount(outcomeOfClassification(classification(manyRecipients()), fakeAdvise));
    const cards = el.querySelectorAll('[data-testid="verdict"]');
    expect(cards).toHaveLength(2);
    expect([...cards].map((c) => [c.getAttribute('data-status'), c.getAttribute('data-count'), c.getAttribute('data-suppress')])).toEqual([
      ['5.7.26', '20', 'false'],
      ['5.1.1', '20', 'true'],
    ]);
    const first = cards[0]!;
    // Each heading names its verdict, so a screen reader's list of headings tells the cards apart.
    expect(texts(el.querySelectorAll('[data-testid="verdict"] > header > h3'))).toEqual([
      '20 addresses: SPF, DKIM or DMARC checks failed',
      '20 addresses: the mailbox does not exist',
    ]);
    expect(texts(first.querySelectorAll('[data-testid="members"] li'))).toEqual([
      'user0@example.org',
      'user2@example.org',
      'user4@example.org',
    ]);
    // The shared advice is said once per card, not once per recipient.
    expect(el.querySelectorAll('.bi-card__headline')).toHaveLength(2);
    expect(el.querySelectorAll('ol.bi-steps')).toHaveLength(2);
  });

  it('shows the other addresses from a button that says how many it hides, and hides them again', async () => {
    const el = mount(outcomeOfClassification(classification(manyRecipients()), fakeAdvise));
    const card = el.querySelectorAll('[data-testid="verdict"]')[1]!;
    const more = card.querySelector<HTMLButtonElement>('.bi-members__more')!;
    expect(more.tagName).toBe('BUTTON');
    // Its name says what it shows, and the visible words are its name.
    expect(more.textContent).toBe('Show 17 more addresses');
    expect(more.getAttribute('aria-label')).toBeNull();
    const scrolled: ScrollIntoViewOptions[] = [];
    more.scrollIntoView = ((options: ScrollIntoViewOptions) => scrolled.push(options)) as HTMLElement['scrollIntoView'];
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(card.querySelector(`#${more.getAttribute('aria-controls')}`)).toBe(card.querySelector('[data-testid="members"]'));
    more.click();
    await flush();
    const all = texts(card.querySelectorAll('[data-testid="members"] li'));
    expect(all).toHaveLength(20);
    expect(all[19]).toBe('user39@example.net');
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(more.textContent).toBe('Show fewer addresses');
    more.click();
    await flush();
    expect(card.querySelectorAll('[data-testid="members"] li')).toHaveLength(3);
    expect(more.textContent).toBe('Show 17 more addresses');
    // Kept in view after each press, so focus does not sit off-screen; not scrolled on first render.
    expect(scrolled).toEqual([{ block: 'nearest' }, { block: 'nearest' }]);
  });

  it("keeps each recipient's own evidence, folded under its address", () => {
    const el = mount(outcomeOfClassification(classification(manyRecipients()), fakeAdvise));
    const card = el.querySelectorAll('[data-testid="verdict"]')[1]!;
    const outer = card.querySelector<HTMLDetailsElement>('details.bi-evidence')!;
    expect(outer.open).toBe(false);
    expect(outer.querySelector('summary')!.textContent).toBe('Evidence (for each of 20 addresses)');
    const members = outer.querySelectorAll('[data-testid="member-evidence"]');
    expect(members).toHaveLength(20);
    const last = members[19]!;
    expect(last.querySelector('summary')!.textContent).toBe('user39@example.net (2 lines)');
    expect(texts(last.querySelectorAll('code'))).toEqual(['550 5.1.10 <user39@example.net> Recipient not found', 'user39@example.net: 550 5.1.10']);
  });

  it('looks as before for a single recipient: its address as title, no address list, plain evidence', () => {
    const el = mount(outcomeOfClassification(classification([verdict()]), () => advice()));
    const card = el.querySelector('[data-testid="verdict"]')!;
    expect(card.getAttribute('data-count')).toBe('1');
    expect(card.querySelector('h3')!.textContent).toBe('kijitora@example.jp');
    expect(card.querySelector('[data-testid="members"]')).toBeNull();
    expect(card.querySelector('[data-testid="member-evidence"]')).toBeNull();
    expect(card.querySelector('details.bi-evidence summary')!.textContent).toBe('Evidence (3 lines)');
    expect(el.querySelector('[data-testid="summary"]')).toBeNull();
  });

  it('tells apart in its heading two shared cards with the same reason but other codes', () => {
    const unknown = ['a', 'b'].map((n) => verdict({ recipient: `${n}@example.net` }));
    const badSyntax = ['c', 'd'].map((n) => verdict({ recipient: `${n}@example.net`, status: '5.1.3', reply: '553' }));
    const el = mount(outcomeOfClassification(classification([...unknown, ...badSyntax]), () => advice()));
    expect(texts(el.querySelectorAll('[data-testid="verdict"] > header > h3'))).toEqual([
      '2 addresses: the mailbox does not exist (550 5.1.1)',
      '2 addresses: the mailbox does not exist (553 5.1.3)',
    ]);
  });

  it('keeps apart recipients whose codes or advice differ, and lists all of a group of four', () => {
    const four = ['a', 'b', 'c', 'd'].map((n) => verdict({ recipient: `${n}@example.net` }));
    const other = verdict({ recipient: 'e@example.net', status: '5.1.2', reply: '550' });
    const el = mount(outcomeOfClassification(classification([...four, other]), () => advice()));
    const cards = el.querySelectorAll('[data-testid="verdict"]');
    expect([...cards].map((c) => c.getAttribute('data-count'))).toEqual(['4', '1']);
    // "and 1 more" would hide no more than it takes to say so.
    expect(texts(cards[0]!.querySelectorAll('[data-testid="members"] li'))).toEqual(four.map((v) => v.recipient));
    expect(cards[0]!.querySelector('.bi-members__more')).toBeNull();
  });

  it('renders addresses from the email as text in the list', () => {
    const hostile = '<img src=x onerror="alert(1)">@example.net';
    const el = mount(outcomeOfClassification(classification([verdict(), verdict({ recipient: hostile })]), () => advice()));
    expect(el.querySelector('img')).toBeNull();
    expect(texts(el.querySelectorAll('[data-testid="members"] li'))).toEqual(['kijitora@example.jp', hostile]);
  });
});

describe('the summary line above the cards', () => {
  it('says how many recipients there are and what they come to', () => {
    const two = [verdict(), verdict({ recipient: 'neko@example.com', status: '5.7.26', reason: 'authfailure', hard: false })];
    const el = mount(outcomeOfClassification(classification(two), fakeAdvise));
    const line = el.querySelector('[data-testid="summary"]')!;
    expect(line.textContent).toBe('2 recipients · 1 to suppress · 1 policy block');
    // Visible, unlike the screen-reader sentence, and above the cards.
    expect(line.classList.contains('bi-sr')).toBe(false);
    expect(line.compareDocumentPosition(el.querySelector('[data-testid="verdict"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('counts recipients, not cards, for a long report', () => {
    const el = mount(outcomeOfClassification(classification(manyRecipients()), fakeAdvise));
    expect(el.querySelector('[data-testid="summary"]')!.textContent).toBe('40 recipients · 20 to suppress · 20 policy blocks');
  });

  it('counts results of a looked-up code, which have no address to suppress', () => {
    const el = mount(outcomeOfLookup({ query: '550', results: [explanation(), explanation({ status: '5.7.1', title: 'Not authorised' })] }, fakeAdvise));
    expect(el.querySelectorAll('[data-testid="verdict"]')).toHaveLength(2);
    expect(el.querySelector('[data-testid="summary"]')!.textContent).toBe('2 results');
  });

  const backoff = advice({ suppress: false, permanent: false, layer: 'mailbox-capacity', retry: { kind: 'backoff', summary: 'Let your server retry.' } });

  it("says a delay notice's recipients are still being retried by the server, not that they are to retry", () => {
    const full = ['a', 'b'].map((n) => verdict({ recipient: `${n}@example.net`, status: '4.2.2', action: 'delayed', permanent: false, hard: false }));
    const el = mount(outcomeOfClassification(classification(full, { kind: 'delay' }), () => backoff));
    expect(el.querySelector('[data-testid="summary"]')!.textContent).toBe('2 recipients · 2 still being retried');
  });

  it('names a temporary failure in a failed report as one to retry later', () => {
    const full = ['a', 'b'].map((n) => verdict({ recipient: `${n}@example.net`, status: '4.2.2', permanent: false, hard: false }));
    const el = mount(outcomeOfClassification(classification(full), () => backoff));
    expect(el.querySelector('[data-testid="summary"]')!.textContent).toBe('2 recipients · 2 to retry later');
  });

  it('counts a greylisted recipient as retried in minutes, not as a policy block', () => {
    const greylisted = advice({ suppress: false, permanent: false, layer: 'policy', retry: { kind: 'minutes', summary: 'Greylisting.' } });
    const el = mount(outcomeOfClassification(classification([verdict(), verdict({ recipient: 'grey@example.net', status: '4.7.1', hard: false })]), (v) => (v.hard ? advice() : greylisted)));
    expect(el.querySelector('[data-testid="summary"]')!.textContent).toBe('2 recipients · 1 to suppress · 1 retried in minutes');
  });

  it('counts a recipient that no server retries as one to resend later', () => {
    const later = advice({ suppress: false, permanent: false, layer: 'mailbox-capacity', retry: { kind: 'later', summary: 'Send again in a day or two.' } });
    const el = mount(outcomeOfClassification(classification([verdict(), verdict({ recipient: 'full@example.net', status: '5.2.2', hard: false })]), (v) => (v.hard ? advice() : later)));
    expect(el.querySelector('[data-testid="summary"]')!.textContent).toBe('2 recipients · 1 to suppress · 1 to resend later');
  });

  it('announces in the polite live region what the visible summary line says', () => {
    const el = mount(outcomeOfClassification(classification(manyRecipients()), fakeAdvise));
    const live = el.querySelector('[role="status"][aria-live="polite"]')!;
    const line = el.querySelector('[data-testid="summary"]')!.textContent!;
    expect(line).toBe('40 recipients · 20 to suppress · 20 policy blocks');
    expect(live.textContent).toBe(`${line.split(' · ').join(', ')}.`);
  });
});
