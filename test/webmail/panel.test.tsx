// @vitest-environment happy-dom
/** The in-page panel, rendered with hand-built analyses (no classifier). */
import { render } from 'preact';
import { outcomeOfClassification } from '../../components/verdict-view';
import type { Analysis } from '../../utils/bounce-panels/analyzer';
import { Panel, type PanelProps } from '../../components/in-page-panel';
import { advice, classification, POLICY_ADVICE, verdict } from '../components/fixtures';

function analysis(kind: 'bounce' | 'delay' | 'not-bounce', recipients = [verdict()]): Analysis {
  const result = classification(kind === 'not-bounce' ? [] : recipients, { kind });
  return { result, outcome: outcomeOfClassification(result, () => advice()) };
}

function show(props: Partial<PanelProps>) {
  const root = document.createElement('div');
  const calls = { toggle: 0, details: 0, pasted: [] as string[] };
  const all: PanelProps = {
    analysis: null,
    source: 'page',
    subject: 'Quarterly report',
    collapsed: false,
    onToggle: () => calls.toggle++,
    onOpenDetails: () => {
      calls.details++;
      return Promise.resolve(false);
    },
    ...props,
  };
  render(<Panel {...all} />, root);
  return { root, calls, headline: () => root.querySelector('.bi-inpage__headline')!.textContent };
}

describe('in-page panel', () => {
  it('says it is reading, then what failed', () => {
    expect(show({}).headline()).toBe('Reading this delivery report…');
    const { root, headline } = show({ analysis: analysis('bounce') });
    expect(headline()).toBe('Delivery failed: 1 recipient');
    expect(root.querySelectorAll('[data-testid="verdict"]')).toHaveLength(1);
    expect(root.textContent).toContain('Copy ticket note');
    expect(root.textContent).toContain('Nothing was sent anywhere.');
  });

  it('tells a delay from a failure, and a notice with no failure', () => {
    expect(show({ analysis: analysis('delay', [verdict({ action: 'delayed', status: '4.2.2' })]) }).headline()).toBe(
      'Delivery delayed: 1 recipient, still being retried',
    );
    expect(show({ analysis: analysis('not-bounce') }).headline()).toBe('No delivery failure found in this message');
  });

  it('names its landmark by the first address or two, not by every recipient', () => {
    const label = (n: number) =>
      show({ analysis: analysis('bounce', Array.from({ length: n }, (_, i) => verdict({ recipient: `user${i}@example.net` }))) })
        .root.querySelector('section')!
        .getAttribute('aria-label');
    expect(label(1)).toBe('Bounce Inspector: user0@example.net');
    expect(label(2)).toBe('Bounce Inspector: user0@example.net, user1@example.net');
    expect(label(40)).toBe('Bounce Inspector: user0@example.net, user1@example.net and 38 more');
    expect(show({}).root.querySelector('section')!.getAttribute('aria-label')).toBe('Bounce Inspector');
  });

  it('collapses to its bar', () => {
    const { root, calls } = show({ analysis: analysis('bounce'), collapsed: true });
    const toggle = root.querySelector<HTMLButtonElement>('button[aria-expanded]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(root.querySelector('.bi-inpage__body')).toBeNull();
    toggle.click();
    expect(calls.toggle).toBe(1);
  });

  it('keeps the one-line verdict in its bar, collapsed or not, and no second summary in the body', () => {
    const two = [verdict(), verdict({ recipient: 'neko@example.com', status: '5.7.26', reason: 'authfailure', hard: false })];
    const result = classification(two, { kind: 'bounce' });
    const mixed: Analysis = { result, outcome: outcomeOfClassification(result, (v) => (v.hard ? advice() : POLICY_ADVICE)) };
    const collapsed = show({ analysis: mixed, collapsed: true }).root;
    const line = collapsed.querySelector('.bi-inpage__bar [data-testid="panel-verdict"]')!;
    expect(line.textContent).toBe('1 to suppress · 1 policy block');
    expect(collapsed.querySelector('.bi-inpage__headline')!.textContent).toBe('Delivery failed: 2 recipients');
    const open = show({ analysis: mixed }).root;
    expect(open.querySelector('[data-testid="panel-verdict"]')!.textContent).toBe('1 to suppress · 1 policy block');
    expect(open.querySelector('[data-testid="summary"]')).toBeNull();
    // Still reading: nothing to say yet.
    expect(show({}).root.querySelector('[data-testid="panel-verdict"]')).toBeNull();
  });

  it('says so when the browser will not open its side panel from the page', async () => {
    const { root, calls } = show({ analysis: analysis('bounce') });
    [...root.querySelectorAll('button')].find((b) => b.textContent === 'Details and history')!.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.details).toBe(1);
    expect(root.textContent).toContain('opens its sidebar only from the toolbar');
  });

  it('offers the paste box only where the host gives no raw source', () => {
    expect(show({ analysis: analysis('bounce') }).root.querySelector('textarea')).toBeNull();
    const pasted: string[] = [];
    const { root } = show({ analysis: analysis('bounce'), onPaste: (text) => pasted.push(text) });
    const box = root.querySelector('textarea')!;
    box.value = 'From: postmaster@example.com\n\nsource';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    return new Promise<void>((done) =>
      setTimeout(() => {
        [...root.querySelectorAll('button')].find((b) => b.textContent === 'Explain the pasted source')!.click();
        expect(pasted).toEqual(['From: postmaster@example.com\n\nsource']);
        done();
      }, 0),
    );
  });
});
