// @vitest-environment happy-dom
/** The side panel's history: what a keyboard user is left on after clearing it, and a huge report's entry. */
import { signal } from '@preact/signals';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../../utils/history';

const history = signal<HistoryEntry[]>([]);
vi.mock('../../../entrypoints/sidepanel/state', () => ({ history }));
// Clearing storage empties the history the panel watches, a moment later (as storage.watch does).
vi.mock('../../../utils/storage', () => ({
  clearHistory: vi.fn(async () => {
    setTimeout(() => (history.value = []), 0);
  }),
}));

const { HistorySection } = await import('../../../entrypoints/sidepanel/history-section');

const entry = (recipients: number, time = 1_800_000_000_000): HistoryEntry => ({
  time,
  kind: 'bounce',
  host: 'outlook.office.com',
  recipients: Array.from({ length: recipients }, (_, i) => ({ address: `u${i}@example.net`, status: '5.1.1', reply: '550', reason: 'userunknown' as const, suppress: true })),
});

let root: HTMLElement;
function mount(): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(<HistorySection />, root);
  return root;
}
afterEach(() => {
  render(null, root);
  root.remove();
});
const flush = () => new Promise((resolve) => setTimeout(resolve, 10));
const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name);

describe('HistorySection', () => {
  it('leaves focus on the sentence saying the history is empty once it is cleared, not on the page', async () => {
    history.value = [entry(1)];
    mount();
    button('Clear history…')!.click();
    await flush();
    expect(document.activeElement?.textContent).toBe('Delete history');
    button('Delete history')!.click();
    await flush();
    await flush();
    expect(root.querySelector('[data-testid="history-entry"]')).toBeNull();
    // The buttons went with the entries; focus stays in the section, where the keyboard was.
    const focused = document.activeElement as HTMLElement;
    expect(focused).not.toBe(document.body);
    expect(focused.dataset.testid).toBe('history-summary');
    expect(focused.textContent).toMatch(/^No bounces inspected yet\./);
  });
});

describe('a huge report in the history', () => {
  it('lists its first recipients and the rest on request, so the entries after it stay in reach', async () => {
    history.value = [entry(600), entry(2, 1_799_000_000_000)];
    mount();
    const [huge, small] = [...root.querySelectorAll('[data-testid="history-entry"]')];
    const addresses = (el: Element) => [...el.querySelectorAll('.panel__address')].map((a) => a.textContent);
    expect(addresses(huge)).toEqual(['u0@example.net', 'u1@example.net', 'u2@example.net', 'u3@example.net', 'u4@example.net']);
    expect(addresses(small)).toEqual(['u0@example.net', 'u1@example.net']);
    const more = huge.querySelector('button')!;
    expect(more.textContent).toBe('Show 595 more recipients');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    more.click();
    await flush();
    expect(addresses(huge)).toHaveLength(600);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(more.textContent).toBe('Show fewer recipients');
  });

  it('keeps an opened entry open when a newer report is added above it', async () => {
    history.value = [entry(600)];
    mount();
    root.querySelector<HTMLButtonElement>('[data-testid="history-entry"] button')!.click();
    await flush();
    history.value = [entry(1, 1_800_000_100_000), ...history.value];
    await flush();
    const [, huge] = [...root.querySelectorAll('[data-testid="history-entry"]')];
    expect(huge.querySelectorAll('.panel__address')).toHaveLength(600);
  });

  it('shows a sixth recipient rather than a button that hides only one', () => {
    history.value = [entry(6)];
    mount();
    expect(root.querySelectorAll('.panel__address')).toHaveLength(6);
    expect(root.querySelector('[data-testid="history-entry"] button')).toBeNull();
  });
});
