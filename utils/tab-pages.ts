/**
 * Whether a tab has left the page whose bounce it reported. The side panel shows a tab's report
 * only while that page is open: the content script says when the bounce closes inside the app,
 * but a tab that goes to another host or to a page we do not run on has no script left to say so.
 * Pure; the background feeds it the tabs' new URLs.
 */

/** Where a message came from: a webmail host name, or 'extension' (our own pages), or 'unknown'. */
export function pageHost(url: string | undefined): string {
  try {
    const parsed = new URL(url ?? '');
    return parsed.protocol === 'https:' ? parsed.hostname : 'extension';
  } catch {
    return 'unknown';
  }
}

/**
 * True when a tab whose report came from `host` now shows `url` and no content script of ours can
 * speak for that page: another host or scheme, a path our scripts do not run on (`covered`), or a
 * URL the browser does not show us (undefined: a host we have no access to).
 * Within one host our script itself reports the new page (a bounce, or none), so that case is left to it.
 */
export function leftReportedPage(host: string, url: string | undefined, covered: (url: string) => boolean): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url ?? '');
  } catch {
    return true;
  }
  if (parsed.protocol !== 'https:' || parsed.hostname !== host) return true;
  return !covered(parsed.href);
}
