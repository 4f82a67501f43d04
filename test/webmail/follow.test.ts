// @vitest-environment happy-dom
import { followBounces } from '../../lib/webmail/follow';
import type { BounceHead } from '../../lib/webmail/find-bounces';
import { gmailReader } from '../../lib/webmail/gmail';
import * as G from '../../lib/webmail/gmail-selectors';
import { selectFirst } from '../../lib/webmail/query';
import type { Selector } from '../../lib/webmail/query';
import { loadFixture } from './dom-fixture';
import { buildElement } from './markup';
import { selectorReport } from './selector-report';

/** Puts a fixture's body into the test document (the observer needs the live document). */
function show(name: string): void {
  const parsed = loadFixture(name);
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
}

/** What `selector` finds first in `root` (a gmail-selectors list), or a failure naming it and the page. */
function mustFind(root: ParentNode, selector: Selector, name: string, page: string): Element {
  const found = selectFirst(root, selector);
  expect(found, `gmail-selectors ${name} finds nothing in ${selectorReport(root, page)}`).not.toBeNull();
  return found!;
}

/** The live document's reading pane (shown from `page`). */
const pane = (page: string) => mustFind(document, G.readingPane, 'readingPane', page);

/** The content of a fixture's reading pane, ready to put into the live one. */
function paneOf(name: string): Node[] {
  const main = mustFind(loadFixture(name), G.readingPane, 'readingPane', name);
  return Array.from(main.childNodes).map((n) => document.importNode(n, true));
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function start() {
  const timers: (() => void)[] = [];
  const checks: BounceHead[][] = [];
  const controller = new AbortController();
  const follower = followBounces({
    reader: gmailReader,
    document,
    onCheck: (bounces) => checks.push(bounces),
    setTimeout: (handler) => timers.push(handler),
    signal: controller.signal,
  });
  const runTimers = () => timers.splice(0).forEach((t) => t());
  return { follower, timers, checks, controller, runTimers };
}

describe('followBounces', () => {
  beforeEach(() => history.replaceState(null, '', '/mail/u/0/#inbox'));

  it('observes the reading pane, and ignores list changes that add no message', async () => {
    show('gmail/inbox.html');
    const { follower, timers, checks, controller } = start();
    expect(follower.scope, 'the follower observes the reading pane, not the whole body').toBe(pane('gmail/inbox.html'));
    follower.check();
    expect(checks).toEqual([[]]);
    const row = document.querySelector('tr')!;
    row.appendChild(document.createElement('span')); // a hover toolbar
    row.parentElement!.appendChild(row.cloneNode(true)); // one more row
    await tick();
    expect(timers).toHaveLength(0);
    controller.abort();
  });

  it('checks once per burst when a message body arrives, and reports the bounce', async () => {
    show('gmail/inbox.html');
    const { follower, timers, checks, runTimers, controller } = start();
    follower.check();
    history.pushState(null, '', '#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpMs');
    const main = pane('gmail/inbox.html');
    main.replaceChildren(...paneOf('gmail/thread-two-bounces.html'));
    main.appendChild(document.createElement('div'));
    await tick();
    const page = 'gmail/thread-two-bounces.html in the inbox';
    expect(timers, `checks scheduled once the bodies arrive; ${selectorReport(document, page)}`).toHaveLength(1);
    runTimers();
    expect(checks.at(-1)!.map((b) => b.id), `bounces found in ${selectorReport(document, page)}`).toEqual(['msg-f:1781000000000000062', 'msg-f:1781000000000000063']);
    // With a message open, any change is checked (bodies re-render in place).
    mustFind(main, G.messageBody, 'messageBody', page).appendChild(document.createElement('span'));
    await tick();
    expect(timers).toHaveLength(1);
    controller.abort();
  });

  it('with a message open, checks for elements added or removed but not for text rewritten in place', async () => {
    show('gmail/inbox.html');
    const { follower, timers, checks, runTimers, controller } = start();
    history.pushState(null, '', '#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpMs');
    pane('gmail/inbox.html').replaceChildren(...paneOf('gmail/thread-two-bounces.html'));
    follower.check();
    const page = 'gmail/thread-two-bounces.html in the inbox';
    expect(checks.at(-1), `bounces found in ${selectorReport(document, page)}`).toHaveLength(2);
    // A relative time or a counter the app rewrites every second (or every frame).
    const clock = mustFind(document, G.messageBody, 'messageBody', page).appendChild(document.createElement('span'));
    await tick();
    runTimers();
    const before = checks.length;
    for (let i = 0; i < 50; i++) {
      clock.textContent = `${i} minutes ago`;
      await tick();
    }
    expect(timers).toHaveLength(0);
    expect(checks).toHaveLength(before);
    // An element removed (a message re-rendered, our panel thrown out) is checked.
    clock.remove();
    await tick();
    expect(timers).toHaveLength(1);
    controller.abort();
  });

  it('watches the body until the reading pane appears, then only the pane', async () => {
    document.body.replaceChildren();
    const { follower, controller } = start();
    expect(follower.scope).toBe(document.body);
    const readingPane = buildElement(document, G.readingPane[0]);
    document.body.appendChild(readingPane);
    await tick();
    expect(follower.scope, `the follower's scope once '${G.readingPane[0]}' is in the page`).toBe(readingPane);
    controller.abort();
  });

  it('stops observing when the content script is invalidated', async () => {
    show('gmail/inbox.html');
    const { follower, timers, controller } = start();
    follower.check();
    controller.abort();
    pane('gmail/inbox.html').replaceChildren(...paneOf('gmail/address-not-found.html'));
    await tick();
    expect(timers).toHaveLength(0);
  });
});
