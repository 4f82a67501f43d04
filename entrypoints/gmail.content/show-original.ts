/**
 * Gmail's raw source through its own same-origin "Show original" page: the only request the
 * extension makes (CONTRIBUTING.md). Asked for only once a bounce is open.
 */
import { findIdKey } from '@/lib/webmail/gmail';
import { extractRawMessage, showOriginalUrl } from '@/lib/webmail/gmail-source';
import type { MessageHead } from '@/lib/webmail/types';
import { concurrencyLimit } from '@/utils/limit';

/** Gmail answers fast or not at all; a stuck request must not keep the panel waiting. */
const TIMEOUT_MS = 8000;

/**
 * "Show original" requests in flight at once. A thread can hold a hundred bounces (anyone can
 * send them, with the same subject): each is fetched in its turn rather than all at once, which
 * would look to Gmail like a burst of automated traffic from the user's session.
 */
export const MAX_FETCHES_IN_FLIGHT = 2;
const inTurn = concurrencyLimit(MAX_FETCHES_IN_FLIGHT);

/**
 * Firefox's content-script fetch is the extension's own (no Origin, no Referer); `content.fetch`
 * is the page's, which is what a same-origin request to Gmail should be (webmail.md §4).
 */
function pageFetch(): typeof fetch {
  const content = (globalThis as { content?: { fetch?: typeof fetch } }).content;
  return content?.fetch ? content.fetch.bind(content) : fetch;
}

/** The message's raw source, or null when it cannot be had. */
export async function fetchOriginal(head: MessageHead, doc: Document, signal: AbortSignal): Promise<string | null> {
  const url = showOriginalUrl(doc.location.href, findIdKey(doc), head.id);
  if (!url) return null;
  try {
    return await inTurn(async () => {
      // The timeout runs from the request, not from the wait for a turn.
      const timeout = AbortSignal.timeout(TIMEOUT_MS);
      const response = await pageFetch()(url, {
        credentials: 'same-origin',
        redirect: 'error',
        signal: AbortSignal.any ? AbortSignal.any([signal, timeout]) : signal,
      });
      if (!response.ok) return null;
      return extractRawMessage(await response.text()) || null;
    }, signal);
  } catch {
    return null;
  }
}
