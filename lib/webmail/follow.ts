/**
 * Follows the opened message(s) of a single-page webmail: a MutationObserver scoped to the
 * reading pane (the whole body only until the pane exists), throttled so a burst of mutations
 * costs one check, plus an explicit `check()` for URL changes. Each check reports the bounces
 * open now (often none); what to do with them is the caller's business.
 * DOM only: timers come from the caller (WXT's ctx in the content scripts, so they stop when
 * the extension is reloaded), and `signal` disconnects the observer.
 */
import { findBounces, type BounceHead } from './find-bounces';
import type { WebmailReader } from './types';

/** A check runs this long after the first mutation of a burst: short enough for the 150 ms panel budget. */
export const CHECK_DELAY_MS = 40;

export interface FollowOptions {
  reader: WebmailReader;
  document: Document;
  /** Called with the bounces open after each check: [] when none is. */
  onCheck: (bounces: BounceHead[]) => void;
  setTimeout: (handler: () => void, ms: number) => unknown;
  signal: AbortSignal;
}

export interface Follower {
  /** Check now (after a URL change, and once at start). */
  check(): void;
  /** The element being observed (the reading pane, or the body until it exists). */
  readonly scope: Node | null;
}

export function followBounces({ reader, document, onCheck, setTimeout, signal }: FollowOptions): Follower {
  let pending = false;
  let scope: Node | null = null;

  const observer = new MutationObserver(() => {
    if (pending || signal.aborted) return;
    pending = true;
    setTimeout(run, CHECK_DELAY_MS);
  });

  /** Observe the reading pane; re-scope when the app swaps it out. */
  function rescope(): void {
    let next: Node | null = null;
    try {
      next = reader.readingPane(document) ?? document.body;
    } catch {
      next = document.body;
    }
    if (!next || next === scope) return;
    observer.disconnect();
    scope = next;
    // Child lists only: attribute and text changes (hover states, timestamps) never matter here.
    observer.observe(next, { childList: true, subtree: true });
  }

  function run(): void {
    pending = false;
    if (signal.aborted) return;
    try {
      rescope();
      onCheck(findBounces(reader, document, document.location.href));
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
