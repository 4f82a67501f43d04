// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { BarChart } from '../../components/bar-chart';

describe('BarChart', () => {
  it('gives every bar its label and count as text, scaled to the largest', () => {
    const root = document.createElement('div');
    render(<BarChart title="By reason" rows={[{ label: 'userunknown', count: 4 }, { label: 'blocked', count: 1 }]} />, root);
    expect(root.querySelector('figcaption')!.textContent).toBe('By reason');
    const rows = [...root.querySelectorAll('li')];
    expect(rows.map((li) => li.textContent)).toEqual(['userunknown: 4', 'blocked: 1']);
    const bars = [...root.querySelectorAll<HTMLElement>('.bi-chart__bar')].map((b) => b.style.width);
    expect(bars).toEqual(['100%', '25%']);
    expect(root.querySelector('.bi-chart__track')!.getAttribute('aria-hidden')).toBe('true');
  });

  it('says when there is nothing to chart', () => {
    const root = document.createElement('div');
    render(<BarChart title="By domain" rows={[]} />, root);
    expect(root.textContent).toContain('Nothing yet.');
  });
});
