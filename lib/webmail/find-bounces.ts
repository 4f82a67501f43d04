/**
 * The cheap first step of every page update: which opened messages are bounces?
 * Reads only headers (sender, subject) unless the selectors found no message at all; then, on a
 * message URL only, scans the reading pane's textContent for bounce phrases.
 */
import { looksLikeBounce, senderLooksAutomated, senderLooksLikeBounce, textLooksLikeBounce } from './detect';
import type { MessageHead, WebmailReader } from './types';

export interface BounceHead extends MessageHead {
  /** Found by the pane-text fallback: `element` is the whole reading pane. */
  fallback: boolean;
}

/**
 * Webmail apps keep views they have left in the page, hidden (Gmail does): a bounce in one is not
 * open. Asked only of bounces, so the style work it may cost is rare. Engines without
 * checkVisibility (happy-dom) count everything as shown.
 */
function isShown(element: Element): boolean {
  const check = (element as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(element) : true;
}

export function findBounces(reader: WebmailReader, root: ParentNode, url: string): BounceHead[] {
  try {
    const heads = reader.findOpenMessages(root);
    if (heads.length > 0) {
      const bounces = heads.filter((head) => looksLikeBounce(head) && isShown(head.element));
      // The subject shown is the conversation's, shared by all its messages: where a message of it
      // is a bounce by its sender, one that has only the subject for it is a reply or a forward
      // (a person quoting the bounce), not a bounce of its own, unless its sender is a mailbox no
      // person writes from (a second report from a gateway's "noreply@").
      const bySender = new Set(bounces.filter(senderLooksLikeBounce).map((head) => head.subject));
      return bounces
        .filter((head) => !bySender.has(head.subject) || senderLooksLikeBounce(head) || senderLooksAutomated(head))
        .map((head) => ({ ...head, fallback: false }));
    }
    if (!reader.isMessageUrl(url)) return [];
    const pane = reader.readingPane(root);
    if (!pane || !textLooksLikeBounce(pane.textContent ?? '')) return [];
    return [{ id: `pane:${url}`, sender: '', senderName: '', subject: '', element: pane, fallback: true }];
  } catch {
    return [];
  }
}
