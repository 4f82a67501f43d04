/**
 * Selector lists: ordered alternatives, newest or most stable first. The first alternative that
 * matches anything wins, so an old and a new markup can be listed side by side.
 * Every read is guarded: a selector the browser rejects counts as "no match", never as a throw.
 */
export type Selector = readonly string[];

/**
 * What a selector list finds in the saved pages under test/fixtures/dom/, as the selector files'
 * `name_` exports (checked by test/webmail/selectors.test.ts, never shipped): rows of
 * [count, fixture] or [count, fixture, alternative].
 * - [count, fixture]: the list finds `count` there, and where count > 0 its first (preferred)
 *   alternative alone finds them: the page shows the markup that alternative was noted for, so
 *   the test fails when it stops matching, even while a fallback below it still does.
 * - [count, fixture, alternative]: a page kept from older markup to exercise a fallback; the
 *   named alternative finds the `count` matches and the ones above it find nothing there.
 */
export type Expectations = ReadonlyArray<readonly [count: number, fixture: string, matchedBy?: string]>;

/** All matches of the first alternative that matches anything. */
export function selectAll(root: ParentNode, selector: Selector): Element[] {
  for (const alternative of selector) {
    try {
      const found = root.querySelectorAll(alternative);
      if (found.length > 0) return Array.from(found);
    } catch {
      // An alternative the engine cannot parse is skipped, not fatal.
    }
  }
  return [];
}

/** The first match of the first alternative that matches. */
export function selectFirst(root: ParentNode, selector: Selector): Element | null {
  for (const alternative of selector) {
    try {
      const found = root.querySelector(alternative);
      if (found) return found;
    } catch {
      // As above.
    }
  }
  return null;
}

/**
 * `selectFirst`, passing over matches inside an element matching `outside` (a message's body,
 * whose markup is the sender's: it may imitate the app's own to be taken for it).
 */
export function selectFirstOutside(root: ParentNode, selector: Selector, outside: Selector): Element | null {
  const isOutside = (found: Element) => !found.parentElement || !closest(found.parentElement, outside);
  for (const alternative of selector) {
    try {
      // The first match is the app's in the usual page: only when it is not are all listed.
      const first = root.querySelector(alternative);
      if (!first) continue;
      if (isOutside(first)) return first;
      const all = root.querySelectorAll(alternative);
      for (let i = 1; i < all.length; i++) if (isOutside(all[i])) return all[i];
    } catch {
      // As above.
    }
  }
  return null;
}

/** The nearest ancestor (or the element itself) matching one of the alternatives. */
export function closest(element: Element, selector: Selector): Element | null {
  for (const alternative of selector) {
    try {
      const found = element.closest(alternative);
      if (found) return found;
    } catch {
      // As above.
    }
  }
  return null;
}

/**
 * What `selectFirst(ancestor, selector)` gave, by ancestor, for several `nearest` calls with one
 * selector over a page that does not change meanwhile (one reading of the page).
 */
export type NearestMemo = Map<Element, Element | null>;

/**
 * The match nearest to `element` outside it: searched in each ancestor in turn (up to `last`,
 * included), so a message finds its own header or its own view's subject even when the page
 * holds others; with `outside`, matches inside such elements (messages' bodies) are passed over.
 * With `memo`, an ancestor shared by several elements (the list of a thread's messages) is
 * searched once for all of them rather than once per message.
 */
export function nearest(element: Element, selector: Selector, last: Element | null = null, memo?: NearestMemo, outside?: Selector): Element | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    let found = memo?.get(node);
    if (found === undefined) {
      found = outside ? selectFirstOutside(node, selector, outside) : selectFirst(node, selector);
      memo?.set(node, found);
    }
    if (found && !element.contains(found)) return found;
    if (node === last) break;
  }
  return null;
}
