/**
 * Follows the opened message(s) of a single-page webmail: a MutationObserver scoped to the
 * reading panes (the whole body only until one exists; every pane when the app keeps several
 * views, and their parents' child lists, where a new view appears), throttled so a burst of mutations
 * costs one check, plus an explicit `check()` for URL changes. Each check reports the bounces
 * open now (often none); what to do with them is the caller's business.
 *
 * While a list is showing (no message URL, no bounce open) a mutation schedules a check only if
 * it adds an element that is or holds a message body, so scrolling an inbox, with its hover
 * toolbars and lazy images, costs a few `matches` calls per batch and no query of the page.
 * While a message is open, a message body added, or a bounce's body or one of the caller's nodes
 * (its panels) taken out of the page, is checked as soon; any other element added or removed is
 * checked too, but at most once per COALESCE_MS, so a page script that keeps adding and removing
 * elements (toasts, chat, animations) costs a few checks a second, not one per burst; text
 * rewritten in place (relative times, counters) never schedules a check.
 * DOM only: timers come from the caller (the content scripts' do nothing once the extension is
 * reloaded), and `signal` disconnects the observer.
 */
import { findBounces, type BounceHead } from './find-bounces';
import { selectAll } from './query';
import type { WebmailReader } from './types';

/** A check runs this long after the first mutation of a burst: short enough for the 150 ms panel budget. */
export const CHECK_DELAY_MS = 30;

/**
 * Changes that add or remove no message body, and take out neither a bounce shown nor the caller's
 * nodes, are checked this long after the first of them (and no sooner than that after each other).
 */
export const COALESCE_MS = 200;

export interface FollowOptions {
  reader: WebmailReader;
  document: Document;
  /** Called with the bounces open after each check: [] when none is. */
  onCheck: (bounces: BounceHead[]) => void;
  setTimeout: (handler: () => void, ms: number) => unknown;
  signal: AbortSignal;
  /** The caller's own nodes in the page (its panels): one taken out is checked as soon. */
  watched?: () => Iterable<Node>;
}

export interface Follower {
  /** Check now (after a URL change, and once at start). */
  check(): void;
  /** The element being observed (the first reading pane, or the body until one exists). */
  readonly scope: Node | null;
}

export function followBounces({ reader, document, onCheck, setTimeout, signal, watched }: FollowOptions): Follower {
  /** A check is due within CHECK_DELAY_MS (soon), or within COALESCE_MS (later). */
  let soon = false;
  let later = false;
  /** Checks run so far: a timer that finds a check ran after it was set has nothing left to do. */
  let runs = 0;
  /** The body elements of the bounces the last check found. */
  let shown: Element[] = [];
  let scope: Node | null = null;
  /** Every element observed as a reading pane (scope is the first), and their parents. */
  let panes: Node[] = [];
  let besides = new Set<Node>();
  /**
   * Which changes schedule a check, refreshed by each check (checks run on every URL change, so
   * the hot path reads no URL): 'bodies' while a list shows (added message bodies only);
   * 'elements' while a message is open by URL or a bounce is shown (bodies added and bounces or
   * the caller's nodes taken out at once; any other element added or removed, as bodies re-render,
   * messages expand and headers fill in, coalesced), but not text alone, so a clock or counter the
   * app rewrites every second or every frame costs no reading of the page; 'all' while a bounce is
   * read from the reading pane's text (the selectors found no message): any change, coalesced.
   */
  let watch: 'bodies' | 'elements' | 'all' = 'bodies';
  const bodySelector = reader.bodySelector.join(', ');

  /** True when an added element is, or holds, a message body. */
  function addsMessage(records: MutationRecord[]): boolean {
    for (let r = 0; r < records.length; r++) {
      const added = records[r].addedNodes;
      for (let i = 0; i < added.length; i++) {
        const node = added[i] as Element;
        // Text, and leaf elements other than a div (tooltips, icons, images), cannot hold a body.
        if (node.nodeType !== 1 || (node.firstElementChild === null && node.tagName !== 'DIV')) continue;
        if (node.matches(bodySelector) || node.querySelector(bodySelector)) return true;
      }
    }
    return false;
  }

  /** True when a bounce's body, or one of the caller's nodes, is no longer in the page. */
  function losesTracked(): boolean {
    for (let i = 0; i < shown.length; i++) if (!shown[i].isConnected) return true;
    if (watched) for (const node of watched()) if (!node.isConnected) return true;
    return false;
  }

  /** True when an element (not just text) was added or removed. */
  function changesElements(records: MutationRecord[]): boolean {
    for (let r = 0; r < records.length; r++) {
      const { addedNodes, removedNodes } = records[r];
      for (let i = 0; i < addedNodes.length; i++) if (addedNodes[i].nodeType === 1) return true;
      for (let i = 0; i < removedNodes.length; i++) if (removedNodes[i].nodeType === 1) return true;
    }
    return false;
  }

  function schedule(ms: number): void {
    if (ms === CHECK_DELAY_MS) soon = true;
    else later = true;
    const at = runs;
    setTimeout(() => {
      if (runs === at) run();
    }, ms);
  }

  const observer = new MutationObserver((records) => {
    if (soon || signal.aborted) return;
    // Watching the whole body only until the reading pane exists: narrow down as soon as it does.
    // A view added beside a pane (reported from the pane's parent) is observed from now on too.
    if (scope === document.body || records.some((record) => besides.has(record.target))) rescope();
    let urgent = true;
    let other = false;
    try {
      if (watch === 'bodies') urgent = addsMessage(records);
      else {
        urgent = losesTracked() || addsMessage(records);
        other = !urgent && !later && (watch === 'all' || changesElements(records));
      }
    } catch {
      // Unreadable records: check anyway.
    }
    if (urgent) schedule(CHECK_DELAY_MS);
    else if (other) schedule(COALESCE_MS);
  });

  /**
   * Observe the reading panes; re-scope when the app swaps them out. An app may keep the views it
   * left in the page, hidden, each with its own pane (Gmail does: the list's, then a
   * conversation's), and render the next view in a new pane beside them: so every pane is
   * observed, and each pane's parent for its children alone, to see a new one arrive.
   */
  function rescope(): void {
    let next: Node[] = [];
    try {
      next = selectAll(document, reader.paneSelector);
    } catch {
      // As when there is none.
    }
    if (next.length === 0 && document.body) next = [document.body];
    if (next.length === panes.length && next.every((node, i) => node === panes[i])) return;
    observer.disconnect();
    panes = next;
    scope = next[0] ?? null;
    besides = new Set();
    for (const pane of next) {
      // Child lists only: attribute and text changes (hover states, timestamps) never matter here.
      observer.observe(pane, { childList: true, subtree: true });
      const parent = pane === document.body ? null : pane.parentNode;
      if (parent && !next.some((other) => other !== pane && other.contains(parent))) besides.add(parent);
    }
    for (const parent of besides) observer.observe(parent, { childList: true });
  }

  function run(): void {
    runs++;
    soon = false;
    later = false;
    if (signal.aborted) return;
    try {
      // The panes are looked for again only when one has gone or none was there (the page-wide
      // query is not repeated at every check); a view added beside one re-scopes from the observer.
      if (panes.length === 0 || scope === document.body || panes.some((pane) => !pane.isConnected)) rescope();
      const url = document.location.href;
      const bounces = findBounces(reader, document, url);
      shown = bounces.map((b) => b.element);
      if (bounces.some((b) => b.fallback)) watch = 'all';
      else watch = bounces.length > 0 || reader.isMessageUrl(url) ? 'elements' : 'bodies';
      onCheck(bounces);
    } catch {
      // Never let a page change break the page.
    }
  }

  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  rescope();
  return {
    check: run,
    get scope() {
      return scope;
    },
  };
}
