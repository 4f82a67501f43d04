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
