// @vitest-environment happy-dom
import { CHECK_DELAY_MS, COALESCE_MS, followBounces } from '../../lib/webmail/follow';
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

/** `setTimer`: the follower's timers go there instead of being kept for runTimers (a clock()). */
function start(watched?: () => Iterable<Node>, setTimer?: (handler: () => void, ms: number) => void) {
  const timers: (() => void)[] = [];
  /** The delay each timer was set for, in order. */
  const delays: number[] = [];
  const checks: BounceHead[][] = [];
  const controller = new AbortController();
  const follower = followBounces({
    reader: gmailReader,
    document,
    onCheck: (bounces) => checks.push(bounces),
    setTimeout:
      setTimer ??
      ((handler, ms) => {
        timers.push(handler);
        delays.push(ms);
      }),
    signal: controller.signal,
    watched,
  });
  const runTimers = () => timers.splice(0).forEach((t) => t());
  return { follower, timers, delays, checks, controller, runTimers };
}

/** A simulated clock for the follower's timers: `advance` runs those due, in order. */
function clock() {
  let now = 0;
  const queue: { at: number; handler: () => void }[] = [];
  return {
    setTimeout: (handler: () => void, ms: number) => void queue.push({ at: now + ms, handler }),
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        queue.sort((a, b) => a.at - b.at);
        if (!queue.length || queue[0].at > end) break;
        const next = queue.shift()!;
        now = next.at;
        next.handler();
      }
      now = end;
    },
  };
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
    // With a message open, any element change is checked (bodies re-render in place), coalesced.
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
    // An element removed is checked, after a while: nothing shown is lost.
    clock.remove();
    await tick();
    expect(timers).toHaveLength(1);
    controller.abort();
  });

  it('with a message open, a page that keeps adding and removing elements costs a few checks a second', async () => {
    show('gmail/inbox.html');
    history.pushState(null, '', '#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpMs');
    const main = pane('gmail/inbox.html');
    main.replaceChildren(...paneOf('gmail/thread-two-bounces.html'));
    const time = clock();
    const body = mustFind(main, G.messageBody, 'messageBody', 'gmail/thread-two-bounces.html in the inbox');
    const panel = body.parentElement!.insertBefore(document.createElement('bounce-inspector-panel'), body);
    const { follower, checks, controller } = start(() => [panel], time.setTimeout);
    follower.check();
    expect(checks).toHaveLength(1);
    // A second of a page script's storm: a toast added and another removed every 10 ms.
    const storm = async (ms: number) => {
      for (let t = 0; t < ms; t += 10) {
        main.appendChild(document.createElement('div')).className = 'toast';
        main.querySelectorAll('.toast')[1]?.remove();
        await tick();
        time.advance(10);
      }
    };
    await storm(1000);
    // One check per burst (the old way) was one every 40 ms here: 25 in the second.
    expect(checks.length - 1).toBeLessThanOrEqual(1000 / COALESCE_MS);
    expect(checks.length - 1).toBeGreaterThanOrEqual(1000 / COALESCE_MS - 1);
    // Within the storm, what matters is checked at once: our panel thrown out...
    let before = checks.length;
    panel.remove();
    await tick();
    time.advance(CHECK_DELAY_MS);
    expect(checks).toHaveLength(before + 1);
    // ... and a bounce's body taken out.
    await storm(100);
    before = checks.length;
    main.querySelectorAll('[role="listitem"]')[1].remove(); // the first bounce of the two
    await tick();
    time.advance(CHECK_DELAY_MS);
    expect(checks).toHaveLength(before + 1);
    expect(checks.at(-1)).toHaveLength(1);
    controller.abort();
  });

  it('checks an added message body at once, even while a coalesced check is waiting', async () => {
    show('gmail/inbox.html');
    const { follower, delays, controller } = start();
    history.pushState(null, '', '#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpMs');
    const main = pane('gmail/inbox.html');
    main.replaceChildren(...paneOf('gmail/ordinary.html'));
    await tick();
    follower.check();
    delays.length = 0;
    main.appendChild(document.createElement('div'));
    await tick();
    expect(delays).toEqual([COALESCE_MS]);
    main.replaceChildren(...paneOf('gmail/address-not-found.html'));
    await tick();
    expect(delays).toEqual([COALESCE_MS, CHECK_DELAY_MS]);
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

  it('sees a conversation rendered in a view of its own beside the list view the app hides', async () => {
    show('gmail/inbox.html');
    const { follower, timers, checks, runTimers, controller } = start();
    follower.check();
    const list = pane('gmail/inbox.html');
    // A conversation opens: the list's view is hidden and kept, and the URL changes before the
    // conversation's own view arrives (empty first, then filled as its data comes in).
    history.pushState(null, '', '#inbox/FMfcgzQXJWDsKmhZbVwqBvXcLkRnTpMs');
    (list as HTMLElement).style.display = 'none';
    follower.check();
    expect(checks.at(-1)).toEqual([]);
    const view = buildElement(document, G.readingPane[0]);
    list.after(view);
    await tick();
    runTimers();
    view.replaceChildren(...paneOf('gmail/address-not-found.html'));
    await tick();
    const page = 'gmail/address-not-found.html in a second view beside gmail/inbox.html';
    expect(timers, `checks scheduled once the body arrives; ${selectorReport(document, page)}`).toHaveLength(1);
    runTimers();
    expect(checks.at(-1)!.map((b) => b.id), `bounces found in ${selectorReport(document, page)}`).toEqual(['msg-f:1781000000000000011']);
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
