// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CopyButtons } from '../../components/copy-buttons';
import { ticketNote } from '../../components/ticket-note';
import { viewFromVerdict } from '../../components/verdict-view';
import { advice, POLICY_ADVICE, verdict } from './fixtures';

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});
function mount(node: preact.ComponentChild) {
  root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}
const button = (name: RegExp) => [...root.querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''))!;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const dead = viewFromVerdict(verdict(), advice(), 0);
const dead2 = viewFromVerdict(verdict({ recipient: 'mike@example.net' }), advice(), 1);
const policy = viewFromVerdict(verdict({ recipient: 'neko@example.com', status: '5.7.26' }), POLICY_ADVICE, 2);

describe('CopyButtons', () => {
  it('copies only the addresses to suppress, one per line', async () => {
    const copy = vi.fn(async () => {});
    mount(<CopyButtons views={[dead, policy, dead2]} copy={copy} />);
    const suppress = button(/addresses to suppress/);
    expect(suppress.textContent).toBe('Copy addresses to suppress');
    suppress.click();
    await flush();
    expect(copy).toHaveBeenCalledWith('kijitora@example.jp\nmike@example.net\n');
    expect(root.querySelector('[role="status"]')!.textContent).toBe('2 addresses copied.');
  });

  it('copies the ticket note and offers no suppress button when nothing needs suppressing', async () => {
    const copy = vi.fn(async () => {});
    mount(<CopyButtons views={[policy]} context={{ subject: 'Invoice 42' }} copy={copy} />);
    expect(button(/addresses to suppress/)).toBeUndefined();
    expect(root.querySelectorAll('button')).toHaveLength(1);
    button(/ticket note/).click();
    await flush();
    expect(copy).toHaveBeenCalledWith(ticketNote([policy], { subject: 'Invoice 42' }));
  });

  it('copies every address to suppress of a long report, whatever the cards show', async () => {
    const copy = vi.fn(async () => {});
    const many = Array.from({ length: 40 }, (_, i) =>
      i % 2
        ? viewFromVerdict(verdict({ recipient: `user${i}@example.net` }), advice(), i)
        : viewFromVerdict(verdict({ recipient: `user${i}@example.org`, status: '5.7.26' }), POLICY_ADVICE, i),
    );
    mount(<CopyButtons views={many} copy={copy} />);
    button(/addresses to suppress/).click();
    await flush();
    const expected = many.filter((_, i) => i % 2).map((v) => v.recipient);
    expect(expected).toHaveLength(20);
    expect(copy).toHaveBeenCalledWith(`${expected.join('\n')}\n`);
  });

  it('says so when the clipboard refuses', async () => {
    mount(<CopyButtons views={[dead]} copy={() => Promise.reject(new Error('denied'))} />);
    button(/ticket note/).click();
    await flush();
    expect(root.querySelector('[role="status"]')!.textContent).toMatch(/Could not copy/);
  });
});
