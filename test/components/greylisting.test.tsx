// @vitest-environment happy-dom
/** A greylisted message's card: routine, not a block, down to its Reason row. */
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { advise, lookup } from '../../lib/knowledge';
import { OutcomeView } from '../../components/verdict-list';
import { outcomeOfLookup } from '../../components/verdict-view';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('a greylisted message', () => {
  it('says greylisted in its Reason row, not that a policy forbids the message', async () => {
    root = document.createElement('div');
    document.body.append(root);
    render(<OutcomeView outcome={outcomeOfLookup(await lookup('450 4.7.1 <kim@example.org>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/help/example.org.html'), advise)} />, root);
    const rows = Object.fromEntries([...root.querySelectorAll('.bi-facts > div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
    expect(rows.Reason).toMatch(/^Greylisted: /);
    expect(root.textContent).not.toContain('policy forbids this message');
  });
});
