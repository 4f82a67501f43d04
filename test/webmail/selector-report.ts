/**
 * What the readers' selector lists find in a page, in words, for assertion messages: when a
 * reader, follower or end-to-end test fails after Gmail or Outlook changes its markup, the
 * message says which selector list (and which of its alternatives) stopped matching in which
 * saved page, so the failure points at lib/webmail/<host>-selectors.ts.
 */
import * as gmail from '../../lib/webmail/gmail-selectors';
import * as outlook from '../../lib/webmail/outlook-selectors';
import type { Selector } from '../../lib/webmail/query';

export type Host = 'gmail' | 'outlook';

/** Each host's selector lists by name (the `name_` expectations left out). */
export const SELECTORS: Readonly<Record<Host, Readonly<Record<string, Selector>>>> = {
  gmail: selectorLists(gmail),
  outlook: selectorLists(outlook),
};

function selectorLists(mod: Record<string, unknown>): Record<string, Selector> {
  return Object.fromEntries(Object.entries(mod).filter(([name]) => !name.endsWith('_'))) as Record<string, Selector>;
}

/** The host a fixture name belongs to: 'gmail/inbox.html' -> 'gmail'. */
export function hostOf(page: string): Host {
  return page.startsWith('outlook') ? 'outlook' : 'gmail';
}

/** Matches per alternative of each list (-1 for one the engine rejects); [] for each list when there is no root. */
export type Counts = Record<string, number[]>;

/**
 * Counts each alternative's matches under `root`. Self-contained (no imports, no helpers), so a
 * test can also run it in a browser page: `page.evaluate(countAlternatives, lists)` with
 * `root` left out.
 */
export function countAlternatives(lists: Readonly<Record<string, readonly string[]>>, root?: ParentNode): Record<string, number[]> {
  const scope: ParentNode = root ?? document;
  const counts: Record<string, number[]> = {};
  for (const name of Object.keys(lists)) {
    counts[name] = lists[name].map((alternative) => {
      try {
        return scope.querySelectorAll(alternative).length;
      } catch {
        return -1;
      }
    });
  }
  return counts;
}

/** One line per list: which alternative matched and how often, or that none did. */
export function describeCounts(host: Host, page: string, counts: Counts): string {
  const lists = SELECTORS[host];
  const lines = Object.keys(lists).map((name) => {
    const alternatives = lists[name];
    const found = counts[name] ?? [];
    const used = found.findIndex((n) => n > 0);
    if (used < 0) return `  ${name}: nothing (${alternatives.map((a) => `'${a}'`).join(', ')} match nothing)`;
    const note = used === 0 ? '' : ` (preferred '${alternatives[0]}' matches nothing)`;
    return `  ${name}: ${found[used]} by '${alternatives[used]}'${note}`;
  });
  return `lib/webmail/${host}-selectors.ts in ${page}:\n${lines.join('\n')}`;
}

/** `describeCounts` for a parsed page (a fixture, or one a test changed). */
export function selectorReport(root: ParentNode, page: string, host: Host = hostOf(page)): string {
  return describeCounts(host, page, countAlternatives(SELECTORS[host], root));
}
