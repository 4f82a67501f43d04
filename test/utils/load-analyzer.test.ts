/** The analyzer loader: one module evaluation, then each warm-up step in a task of its own. */
import { describe, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';

const modulePath = fileURLToPath(new URL('../fixtures/modules/fake-analyzer.ts', import.meta.url));
vi.mock('wxt/browser', () => ({ browser: { runtime: { getURL: () => modulePath } } }));

describe('loadAnalyzer', () => {
  it('gives the page the thread before each table it builds, and loads the module once', async () => {
    const { loadAnalyzer } = await import('../../utils/bounce-panels/load-analyzer');
    const log = ((globalThis as { __analyzerLog?: string[] }).__analyzerLog ??= []);
    const pause = () => {
      log.push('yield');
      return new Promise<void>((resolve) => setTimeout(resolve, 0));
    };
    const [a, b] = await Promise.all([loadAnalyzer(pause), loadAnalyzer(pause)]);
    expect(a).toBe(b);
    expect(log).toEqual(['evaluate', 'yield', 'build phrase tables', 'yield', 'build provider index']);
  });

  it('the real analyzer runs its warm-up steps and classifies as before after them', async () => {
    const { warmUpSteps, analyze } = await import('../../utils/bounce-panels/analyzer');
    expect(warmUpSteps.length).toBeGreaterThan(0);
    for (const step of warmUpSteps) step();
    const { result } = await analyze('550 5.1.1 <kim@example.net>: Recipient address rejected: User unknown', { text: true });
    expect(result.kind === 'error' ? [] : result.recipients.map((r) => [r.recipient, r.status])).toEqual([['kim@example.net', '5.1.1']]);
  });
});
